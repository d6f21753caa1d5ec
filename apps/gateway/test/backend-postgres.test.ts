import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RetellCallClient } from '../src/cli/simulator/retell-call-client';
import { CrownDeskTestBackend } from './support/backend-crowndesk-server';
import { eventually, readiness, RETELL_TEST_API_KEY, runningFrom, startBackendGateway, storedCall, TEST_START } from './support/backend-gateway';
import { outboxRows, startTestPostgres, testPostgresSource, type TestPostgres } from './support/backend-postgres';
import { CALLER_NUMBER } from './support/retell-peer';
import { removeDataDir, type TestGateway } from './support/test-gateway';
import { postRetellWebhook, retellWebhookBody } from './support/webhook-retell';

const source = testPostgresSource();
if (source.kind === 'none') {
  const banner = '!'.repeat(100);
  console.warn(`\n${banner}\n${source.why}. The gateway's PostgreSQL mode tests are SKIPPED and prove nothing in this run.\n${banner}\n`);
}

async function placeCall(gateway: TestGateway, callId: string, lines: string[]): Promise<void> {
  const call = await RetellCallClient.connect({
    baseUrl: gateway.ws('/retell-llm'),
    callId,
    agentId: DEMO_AGENT_ID,
    fromNumber: CALLER_NUMBER,
    toNumber: DEMO_PHONE_NUMBER,
  });
  await call.opening();
  for (const line of lines) await call.say(line);
  await call.hangUp();
}

describe.skipIf(source.kind === 'none')('two gateways sharing one PostgreSQL database (DATABASE_URL)', () => {
  let postgres: TestPostgres | undefined;
  let backend: CrownDeskTestBackend | undefined;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    if (source.kind !== 'none') postgres = await startTestPostgres(source);
  }, 90_000);

  afterEach(async () => {
    for (const gateway of gateways.splice(0)) {
      await gateway.close();
      await removeDataDir(gateway.dataDir);
    }
    await backend?.close();
    backend = undefined;
  });

  afterAll(async () => {
    await postgres?.dispose();
  });

  it('keeps bookings and call records in PostgreSQL and delivers each outbox row once, whichever relay takes it', async () => {
    backend = await CrownDeskTestBackend.start();
    const clock = runningFrom(TEST_START);
    const env = { DATABASE_URL: postgres!.url };
    const machineA = await startBackendGateway(backend, { env, overrides: { clock } });
    gateways.push(machineA);
    const machineB = await startBackendGateway(backend, { env, overrides: { clock } });
    gateways.push(machineB);
    expect((await readiness(machineA.http(''))).body).toMatchObject({ status: 'ready', checks: { database: 'ok', postgres: 'ok' } });

    // On machine A, the backend goes down at the booking: it is queued in PostgreSQL.
    backend.goDownAt((method, path) => method === 'POST' && path === '/ai-agent/appointments');
    await placeCall(machineA, 'call_pg_booking', [
      "Hi, I'd like to book a cleaning on Wednesday, December 2nd at 10 am.",
      'Yes, that works.',
      'Ada Lovelace',
      'December 10, 1985',
      'Yes, please book it.',
      "No, that's all. Goodbye.",
    ]);
    const registrationKey = backend.effects[0]!.key;
    const bookingKey = backend.to('POST', '/ai-agent/appointments')[0]!.headers['idempotency-key']!;
    // Machine B takes a call during the outage too.
    await placeCall(machineB, 'call_pg_info', ['Where are you located?', "No, that's all. Goodbye."]);

    // One shared backlog, seen from either machine.
    const during = await eventually(async () => {
      const answer = await readiness(machineB.http(''));
      return answer.body.outbox?.count === 3 ? answer.body : undefined;
    });
    expect(during).toMatchObject({ status: 'ready', backend: { status: 'down', reason: 'server_error' }, outbox: { count: 3, rejected: 0 } });

    // Retell's webhook is verified and kept on the machine it reached; the backend gets our conversation's record.
    const facts = { callId: 'call_pg_info', startMs: clock.now().getTime() - 60_000, durationMs: 50_000, summary: 'Asked where we are.' };
    const reply = await postRetellWebhook(machineA.http(''), retellWebhookBody('call_analyzed', facts), {
      apiKey: RETELL_TEST_API_KEY,
      signedAt: clock.now(),
    });
    expect(reply).toMatchObject({ status: 200, body: { ok: true } });
    // The webhook lands in the shared PostgreSQL inbox, not in the receiving machine's own file.
    expect(storedCall(machineA.dataDir, 'call_pg_info').events).toEqual([]);

    await backend.setState('up');
    await eventually(async () => ((await readiness(machineA.http(''))).body.outbox?.count === 0 ? true : undefined), 15_000, 'the backlog');

    const effects = backend.effectsPerKey();
    expect([...effects.keys()].sort()).toEqual(
      [registrationKey, bookingKey, 'call-record:call_pg_booking', 'call-record:call_pg_info'].sort(),
    );
    expect(new Set(effects.values())).toEqual(new Set([1]));
    expect(backend.state.appointments.size).toBe(1);
    expect(backend.state.callRecords.get('call_pg_booking')).toMatchObject({ outcome: 'appointment_booked' });
    const rows = await outboxRows(postgres!.url);
    expect(rows.map((row) => [row.topic, row.idempotency_key, row.status])).toEqual([
      ['appointment.book', bookingKey, 'delivered'],
      ['call.record', 'call-record:call_pg_booking', 'delivered'],
      ['call.record', 'call-record:call_pg_info', 'delivered'],
    ]);
    console.info(
      `[backend-postgres] 2 gateways, 1 PostgreSQL (${source.kind}); outbox rows ${rows.length}, all delivered once; ` +
        `attempts ${JSON.stringify(rows.map((row) => row.attempts))}`,
    );
  });
});
