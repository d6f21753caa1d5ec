import { describe, expect, it } from 'vitest';
import { type AgentTurn } from '../src/cli/simulator/retell-call-client';
import { TEST_API_KEY, TEST_TENANT_ID, type SeenRequest } from './support/backend-crowndesk-server';
import { eventually, readiness, storedCall } from './support/backend-gateway';
import { CALLER_NUMBER } from './support/retell-peer';
import { backendGatewaysPerTest } from './support/gateway-lifecycle';
import { dialDemoPractice } from './support/demo-retell-call';

function toolsOf(turn: AgentTurn): string[] {
  return turn.tools.map((tool) => `${tool.name}:${tool.successful ? 'ok' : 'failed'}`);
}

const serviceAuth = { authorization: `Bearer ${TEST_API_KEY}`, 'x-tenant-id': TEST_TENANT_ID };
const jsonRead = { ...serviceAuth, 'content-type': 'application/json' };

/** The request without the noise of which instant the backend answered it at. */
function shape(request: SeenRequest) {
  return { method: request.method, path: request.path, headers: request.headers, body: request.body };
}

describe('a booking through a Retell call, with BACKEND_URL pointed at a CrownDesk test backend', () => {
  const started = backendGatewaysPerTest();

  it('sends CrownDesk exactly the contract shapes: slots, patient search and create, the booking, then the call record', async () => {
    const backend = await started.backend();
    const gateway = await started.gateway(backend);

    const call = await dialDemoPractice(gateway, 'call_backend_booking');
    expect((await call.opening()).text).toContain('Thank you for calling Bright Smile Dental');
    const offer = await call.say("Hi, I'd like to book a cleaning on Wednesday, December 2nd at 10 am.");
    expect(toolsOf(offer)).toEqual(['check_availability:ok']);
    expect(offer.text).toContain('Wednesday, December 2 at 10 AM');
    await call.say('Yes, that works.');
    await call.say('Ada Lovelace');
    expect((await call.say('December 10, 1985')).text).toContain('Shall I book it?');
    const booked = await call.say('Yes, please book it.');
    expect(toolsOf(booked)).toEqual(['book_appointment:ok']);
    expect(booked.text).toContain('new patient');
    expect(await call.say("No, that's all. Goodbye.")).toMatchObject({ endCall: true });
    await call.hangUp();

    // The conversation finishes after the reconnect grace; its record reaches the backend through the outbox.
    const recorded = await eventually(() => backend?.to('POST', '/calls/record')[0], 10_000, 'the call record');

    // Reads: service credentials, JSON bodies, never an idempotency key. Every slot search is for the hygienist,
    // a 60-minute cleaning, on the instant of local noon of an open day.
    const slotSearches = backend.to('POST', '/ai-agent/appointments/slots');
    expect(slotSearches.length).toBeGreaterThan(0);
    for (const search of slotSearches) {
      expect(search.headers).toEqual(jsonRead);
      expect(search.body).toEqual({ provider: 'Jordan Lee', date: expect.stringMatching(/^2026-1[12]-\d\dT17:00:00\.000Z$/), duration: 60 });
    }
    expect(slotSearches.map((search) => (search.body as { date: string }).date)).toContain('2026-12-02T17:00:00.000Z');
    expect(backend.to('POST', '/ai-agent/patients/search').map(shape)).toEqual([
      { method: 'POST', path: '/api/ai-agent/patients/search', headers: jsonRead, body: { q: 'Lovelace' } },
      { method: 'POST', path: '/api/ai-agent/patients/search', headers: jsonRead, body: { q: 'Ada' } },
    ]);

    // Writes: each with its own idempotency key.
    const [registration, ...moreRegistrations] = backend.to('POST', '/ai-agent/patients');
    expect(moreRegistrations).toEqual([]);
    expect(shape(registration!)).toEqual({
      method: 'POST',
      path: '/api/ai-agent/patients',
      headers: { ...jsonRead, 'idempotency-key': expect.stringMatching(/^register_patient-[0-9a-f]{64}$/) },
      body: { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10', phone: CALLER_NUMBER },
    });
    const [patient] = [...backend.state.patients.values()];
    const [creation, ...moreCreations] = backend.to('POST', '/ai-agent/appointments');
    expect(moreCreations).toEqual([]);
    const bookingKey = creation!.headers['idempotency-key'];
    expect(bookingKey).toMatch(/^book-[0-9a-f]{64}$/);
    expect(shape(creation!)).toEqual({
      method: 'POST',
      path: '/api/ai-agent/appointments',
      headers: { ...jsonRead, 'idempotency-key': bookingKey },
      body: {
        patientId: patient!.id,
        // 10:00 in New York on 2 December is 15:00 UTC; the cleaning is CrownDesk's `hygiene`.
        startTime: '2026-12-02T15:00:00.000Z',
        endTime: '2026-12-02T16:00:00.000Z',
        appointmentType: 'hygiene',
        provider: 'Jordan Lee',
        status: 'scheduled',
        notes: `Booked by phone with the CrownDesk Voice receptionist (ref ${bookingKey}).`,
      },
    });
    const [appointment] = [...backend.state.appointments.values()];

    expect(shape(recorded)).toEqual({
      method: 'POST',
      path: '/api/calls/record',
      headers: { ...jsonRead, 'idempotency-key': 'call-record:call_backend_booking' },
      body: {
        callId: 'call_backend_booking',
        channel: 'retell',
        direction: 'inbound',
        callerNumber: CALLER_NUMBER,
        startTime: expect.any(String),
        endTime: expect.any(String),
        durationSecs: expect.any(Number),
        status: 'completed',
        outcome: 'appointment_booked',
        wasEmergency: false,
        summary: expect.any(String),
        appointmentIds: [appointment!.id],
        transcript: expect.arrayContaining([
          { sequence: 0, role: 'agent', content: expect.stringContaining('Bright Smile Dental') },
          { sequence: 1, role: 'user', content: "Hi, I'd like to book a cleaning on Wednesday, December 2nd at 10 am." },
        ]),
      },
    });

    // Nothing else was sent: no write without a key, nothing to any other route, everything once.
    const routes = new Set(backend.requests.map((request) => `${request.method} ${request.path}`));
    expect([...routes].sort()).toEqual([
      'POST /api/ai-agent/appointments',
      'POST /api/ai-agent/appointments/slots',
      'POST /api/ai-agent/patients',
      'POST /api/ai-agent/patients/search',
      'POST /api/calls/record',
    ]);
    expect([...backend.effectsPerKey().values()]).toEqual([1, 1, 1]);
    expect(backend.requests.every((request) => request.status >= 200 && request.status < 300)).toBe(true);

    // The booking lives in CrownDesk, not in SQLite; the call record is in both, merged and delivered.
    expect(storedCall(gateway.dataDir, 'call_backend_booking').record).toMatchObject({ outcome: 'booked', appointmentIds: [appointment!.id] });
    const ready = await eventually(async () => {
      const answer = await readiness(gateway!.http(''));
      return answer.body.outbox?.count === 0 ? answer : undefined;
    });
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', backend: { status: 'up' }, outbox: { count: 0, rejected: 0 } } });

    // Names, dates of birth and phone numbers went to the backend; none reached the gateway's logs.
    expect(JSON.stringify(gateway.logs)).not.toMatch(/Ada|Lovelace|1985-12-10|December 10|5555550142/);
  });
});
