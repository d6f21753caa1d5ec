import { DEMO_HYGIENIST_ID, DEMO_PRACTICE_ID, openEmbeddedDatabase, SqlitePendingBookingStore } from '@crowndesk/adapters-sqlite';
import { describe, expect, it } from 'vitest';
import { configurePractice, eventually, readiness, RETELL_TEST_API_KEY, runningFrom, TEST_START } from './support/backend-gateway';
import { makeDataDir } from './support/test-gateway';
import { postRetellWebhook, retellWebhookBody } from './support/webhook-retell';
import { backendGatewaysPerTest } from './support/gateway-lifecycle';
import { silentLogger } from '@crowndesk/testing';

describe('/health/ready with a CrownDesk backend', () => {
  const started = backendGatewaysPerTest();

  it('reports the backend and the outbox without failing while the backend is down', async () => {
    const backend = await started.backend();
    const clock = runningFrom(TEST_START);
    const gateway = await started.gateway(backend, { overrides: { clock } });
    const api = gateway.http('');

    expect(await readiness(api)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        checks: { database: 'ok' },
        backend: { status: 'up', durationMs: expect.any(Number) },
        outbox: { count: 0, oldestAgeMs: null, rejected: 0 },
      },
    });
    // The health route is public: no credentials are sent to it.
    expect(backend.to('GET', '/health').every((request) => request.headers.authorization === undefined)).toBe(true);

    await backend.setState('refusing');
    const facts = { callId: 'call_ready_1', startMs: clock.now().getTime() - 60_000, durationMs: 50_000 };
    await postRetellWebhook(api, retellWebhookBody('call_ended', facts), { apiKey: RETELL_TEST_API_KEY, signedAt: clock.now() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const down = await readiness(api);
    expect(down).toEqual({
      status: 200,
      body: {
        status: 'ready',
        checks: { database: 'ok' },
        backend: { status: 'down', reason: 'connection', durationMs: expect.any(Number) },
        outbox: { count: 1, oldestAgeMs: expect.any(Number), rejected: 0 },
      },
    });
    expect(down.body.outbox!.oldestAgeMs).toBeGreaterThanOrEqual(250);

    await backend.setState('unavailable');
    expect((await readiness(api)).body.backend).toEqual({ status: 'down', reason: 'server_error', httpStatus: 503, durationMs: expect.any(Number) });

    await backend.setState('up');
    const recovered = await eventually(async () => {
      const answer = await readiness(api);
      return answer.body.outbox?.count === 0 ? answer.body : undefined;
    });
    expect(recovered).toMatchObject({ backend: { status: 'up' }, outbox: { count: 0, oldestAgeMs: null, rejected: 0 } });
  });

  it('counts a queued booking the backend refuses (its slot went meanwhile) as rejected, parked for a call back', async () => {
    const backend = await started.backend();
    // Someone else took the hygienist at that time while our booking waited in the outbox.
    const other = backend.state.route('POST', '/ai-agent/patients', { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1976-12-09' });
    const caller = backend.state.route('POST', '/ai-agent/patients', { firstName: 'Alan', lastName: 'Turing', dateOfBirth: '1982-06-23' });
    const otherId = (other.body as { id: string }).id;
    const callerId = (caller.body as { id: string }).id;
    const start = '2026-12-03T15:00:00.000Z';
    const end = '2026-12-03T16:00:00.000Z';
    backend.state.route('POST', '/ai-agent/appointments', { patientId: otherId, startTime: start, endTime: end, appointmentType: 'hygiene', provider: 'Jordan Lee' });

    const dataDir = await makeDataDir();
    configurePractice(dataDir);
    const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
    try {
      await new SqlitePendingBookingStore(database).queue({
        practiceId: DEMO_PRACTICE_ID,
        callId: 'call_ready_taken',
        patientId: callerId,
        slot: { typeCode: 'cleaning', providerId: DEMO_HYGIENIST_ID, operatoryId: 'op-1', start, end },
        idempotencyKey: 'book-ready-taken',
        requestedAt: TEST_START.toISOString(),
      });
    } finally {
      database.close();
    }

    const gateway = await started.gateway(backend, { dataDir });
    const parked = await eventually(async () => {
      const answer = await readiness(gateway!.http(''));
      return answer.body.outbox?.rejected === 1 ? answer : undefined;
    });
    expect(parked).toMatchObject({ status: 200, body: { status: 'ready', outbox: { count: 0, oldestAgeMs: null, rejected: 1 } } });
    expect(backend.to('POST', '/ai-agent/appointments').map((request) => request.status)).toEqual([409]);
    expect(backend.state.appointments.size).toBe(1);
    expect(gateway.logs.some((line) => line['msg'] === 'outbox message REJECTED by the backend: parked for staff, it will not be retried')).toBe(true);

    const check = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
    try {
      const callBacks = await new SqlitePendingBookingStore(check).needingCallBack(DEMO_PRACTICE_ID);
      expect(callBacks).toMatchObject([{ callId: 'call_ready_taken', delivery: { status: 'rejected', lastError: 'slot_taken' } }]);
    } finally {
      check.close();
    }
  });
});
