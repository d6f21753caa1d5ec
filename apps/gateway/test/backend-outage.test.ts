import { DEMO_PRACTICE_ID, openEmbeddedDatabase, SqlitePendingBookingStore } from '@crowndesk/adapters-sqlite';
import { describe, expect, it } from 'vitest';
import { eventually, readiness, RETELL_TEST_API_KEY, runningFrom, TEST_START } from './support/backend-gateway';
import { type TestGateway } from './support/test-gateway';
import { postRetellWebhook, retellWebhookBody } from './support/webhook-retell';
import { backendGatewaysPerTest } from './support/gateway-lifecycle';
import { silentLogger } from '@crowndesk/testing';
import { dialDemoPractice } from './support/demo-retell-call';

async function placeCall(gateway: TestGateway, callId: string, lines: string[]): Promise<{ role: 'agent' | 'user'; content: string }[]> {
  const call = await dialDemoPractice(gateway, callId);
  await call.opening();
  for (const line of lines) await call.say(line);
  await call.hangUp();
  return call.transcript.map((item) => ({ role: item.role === 'agent' ? 'agent' : 'user', content: item.content }));
}

describe('the CrownDesk backend is down for a stretch while calls complete', () => {
  const started = backendGatewaysPerTest();

  it('keeps every booking and call record, and delivers each exactly once when the backend is back', async () => {
    const backend = await started.backend();
    const clock = runningFrom(TEST_START);
    const gateway = await started.gateway(backend, { overrides: { clock } });
    const api = gateway.http('');

    // Call A: the backend answers the slot check and the patient's registration, then goes down at the booking.
    backend.goDownAt((method, path) => method === 'POST' && path === '/ai-agent/appointments');
    const callA = await placeCall(gateway, 'call_outage_a', [
      "Hi, I'd like to book a cleaning on Wednesday, December 2nd at 10 am.",
      'Yes, that works.',
      'Ada Lovelace',
      'December 10, 1985',
      'Yes, please book it.',
      "No, that's all. Goodbye.",
    ]);
    const outageStartedAt = Date.now();
    expect(backend.currentState).toBe('unavailable');
    // Before the outage, the new patient was registered: the only effect so far.
    expect(backend.effects.map((effect) => effect.path)).toEqual(['/ai-agent/patients']);
    const registrationKey = backend.effects[0]!.key;
    expect(callA.find((item) => item.content.includes("I've noted your request"))?.content).toContain('Our office will call you to confirm it');
    // The live client's two attempts (then the relay's, woken by the queued booking): all 503, all one key.
    const attemptsToBook = backend.to('POST', '/ai-agent/appointments');
    expect(attemptsToBook.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attemptsToBook.map((request) => request.status))).toEqual(new Set([503]));
    const bookingKey = attemptsToBook[0]!.headers['idempotency-key']!;
    expect(bookingKey).toMatch(/^book-[0-9a-f]{64}$/);
    expect(new Set(attemptsToBook.map((request) => request.headers['idempotency-key']))).toEqual(new Set([bookingKey]));

    // Calls B and C complete while the backend stays down.
    const callB = await placeCall(gateway, 'call_outage_b', ['Where are you located?', "No, that's all. Goodbye."]);
    const callC = await placeCall(gateway, 'call_outage_c', ['What insurance do you accept?', "No, that's all. Goodbye."]);

    // Retell's post-call webhooks land meanwhile; they merge into the records still waiting in the outbox.
    const transcripts = { call_outage_a: callA, call_outage_b: callB, call_outage_c: callC };
    for (const [callId, utterances] of Object.entries(transcripts)) {
      const facts = { callId, startMs: clock.now().getTime() - 60_000, durationMs: 55_000, utterances, summary: `Summary of ${callId}.` };
      for (const event of ['call_ended', 'call_analyzed']) {
        const reply = await postRetellWebhook(api, retellWebhookBody(event, facts), { apiKey: RETELL_TEST_API_KEY, signedAt: clock.now() });
        expect(reply).toMatchObject({ status: 200, body: { ok: true } });
      }
    }

    // Readiness: still taking calls; the backend is reported down and the backlog is counted.
    const during = await eventually(async () => {
      const answer = await readiness(api);
      return answer.body.outbox?.count === 4 ? answer : undefined;
    });
    expect(during).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok' }, backend: { status: 'down', reason: 'server_error', httpStatus: 503 } },
    });
    expect(during.body.outbox).toEqual({ count: 4, oldestAgeMs: expect.any(Number), rejected: 0 });
    // Each queued message was tried during the outage and refused with a 503 (the relay retries).
    await eventually(() => (backend!.attemptsPerKey().get('call-record:call_outage_c') ?? 0) >= 2 || undefined, 10_000, 'retries during the outage');
    expect(backend.effects.map((effect) => effect.key)).toEqual([registrationKey]);

    // Then nothing even listens at the backend's address for a while: connections are refused.
    await backend.setState('refusing');
    const refused = await eventually(async () => {
      const answer = await readiness(api);
      return answer.body.backend?.status === 'down' && answer.body.backend.reason === 'connection' ? answer : undefined;
    });
    expect(refused).toMatchObject({ status: 200, body: { status: 'ready', outbox: { count: 4, rejected: 0 } } });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(backend.effects.map((effect) => effect.key)).toEqual([registrationKey]);

    await backend.setState('up');
    const outageMs = Date.now() - outageStartedAt;
    const recoveredAt = Date.now();
    const after = await eventually(async () => {
      const answer = await readiness(api);
      return answer.body.outbox?.count === 0 ? answer : undefined;
    }, 15_000, 'the backlog to drain');
    const drainMs = Date.now() - recoveredAt;
    expect(after.body).toMatchObject({ backend: { status: 'up' }, outbox: { count: 0, oldestAgeMs: null, rejected: 0 } });

    // Exactly once: one effect per key, and exactly the expected keys.
    const effects = backend.effectsPerKey();
    expect([...effects.keys()].sort()).toEqual(
      [registrationKey, bookingKey, 'call-record:call_outage_a', 'call-record:call_outage_b', 'call-record:call_outage_c'].sort(),
    );
    expect([...effects.values()]).toEqual([1, 1, 1, 1, 1]);
    const [appointment, ...otherAppointments] = [...backend.state.appointments.values()];
    expect(otherAppointments).toEqual([]);
    expect(appointment).toMatchObject({ startTime: '2026-12-02T15:00:00.000Z', appointmentType: 'hygiene', provider: 'Jordan Lee', status: 'scheduled' });

    // The records that reached CrownDesk are the merged ones: our outcome, Retell's summary.
    expect(backend.state.callRecords.get('call_outage_a')).toMatchObject({ outcome: 'appointment_booked', summary: 'Summary of call_outage_a.' });
    expect(backend.state.callRecords.get('call_outage_b')).toMatchObject({ outcome: 'information_provided', summary: 'Summary of call_outage_b.' });
    expect(backend.state.callRecords.get('call_outage_c')).toMatchObject({ summary: 'Summary of call_outage_c.' });

    // The gateway knows the queued booking was delivered.
    const database = openEmbeddedDatabase({ dataDir: gateway.dataDir, logger: silentLogger, seedDemo: false });
    try {
      const booking = await new SqlitePendingBookingStore(database).find(DEMO_PRACTICE_ID, bookingKey);
      expect(booking).toMatchObject({ kind: 'queued', delivery: { status: 'delivered' } });
    } finally {
      database.close();
    }

    // Retell delivering again changes nothing, here or at the backend.
    const requestsBefore = backend.requests.length;
    const replay = retellWebhookBody('call_analyzed', { callId: 'call_outage_a', startMs: 0, durationMs: 1, summary: 'Summary of call_outage_a.' });
    expect(await postRetellWebhook(api, replay, { apiKey: RETELL_TEST_API_KEY, signedAt: clock.now() })).toMatchObject({
      status: 200,
      body: { ok: true, reason: 'duplicate' },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(backend.requests.length).toBe(requestsBefore);

    const attempts = backend.attemptsPerKey();
    console.info(
      `[backend-outage] outage ${outageMs} ms (503, then connection refused); backlog 4 (1 booking, 3 call records); drained ${drainMs} ms after recovery; ` +
        `effects per key ${JSON.stringify(Object.fromEntries(effects))}; attempts per key ${JSON.stringify(Object.fromEntries(attempts))}`,
    );
  });
});
