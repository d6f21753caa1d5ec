import { DEMO_HYGIENIST_ID, DEMO_PRACTICE_ID, openEmbeddedDatabase, SqlitePendingBookingStore } from '@crowndesk/adapters-sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { CrownDeskTestBackend } from './support/backend-crowndesk-server';
import { backendEnvironment, configurePractice, eventually, readiness, RETELL_TEST_API_KEY } from './support/backend-gateway';
import { freePort, startMain, type GatewayProcess } from './support/gateway-process';
import { makeDataDir, removeDataDir } from './support/test-gateway';
import { postRetellWebhook, retellWebhookBody } from './support/webhook-retell';
import { silentLogger } from '@crowndesk/testing';

const CALLS = 12;
/** Short leases, so the messages the killed process held are taken over within seconds (production: 60 s). */
const LEASE_MS = 4_000;

/** Two bookings queued by an earlier run, as a call queues one while the backend is down. */
async function queueBookings(dataDir: string, backend: CrownDeskTestBackend): Promise<string[]> {
  const patient = backend.state.patients.size === 0 ? seedPatient(backend) : [...backend.state.patients.keys()][0]!;
  const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
  try {
    const store = new SqlitePendingBookingStore(database);
    const keys = ['book-crash-test-1', 'book-crash-test-2'];
    for (const [index, key] of keys.entries()) {
      const start = Date.parse('2027-03-01T15:00:00.000Z') + index * 3_600_000;
      await store.queue({
        practiceId: DEMO_PRACTICE_ID,
        callId: `call_crash_booking_${index}`,
        patientId: patient,
        slot: {
          typeCode: 'cleaning',
          providerId: DEMO_HYGIENIST_ID,
          operatoryId: 'op-1',
          start: new Date(start).toISOString(),
          end: new Date(start + 3_600_000).toISOString(),
        },
        idempotencyKey: key,
        requestedAt: new Date().toISOString(),
      });
    }
    return keys;
  } finally {
    database.close();
  }
}

function seedPatient(backend: CrownDeskTestBackend): string {
  const answer = backend.state.route('POST', '/ai-agent/patients', { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1976-12-09' });
  return (answer.body as { id: string }).id;
}

describe.each([
  { honourIdempotencyKeys: true, backendKind: 'a backend that honours Idempotency-Key' },
  { honourIdempotencyKeys: false, backendKind: 'a backend that ignores Idempotency-Key, as CrownDesk does' },
])('the gateway is killed with -9 in the middle of delivering a backlog, to $backendKind', ({ honourIdempotencyKeys }) => {
  let backend: CrownDeskTestBackend | undefined;
  let running: GatewayProcess | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    running?.kill('SIGKILL');
    await running?.exit;
    await backend?.close();
    if (dataDir) await removeDataDir(dataDir);
    running = undefined;
    backend = undefined;
    dataDir = undefined;
  });

  it('delivers the rest after a restart on the same DATA_DIR, each write exactly once', { timeout: 60_000 }, async () => {
    backend = await CrownDeskTestBackend.start({ honourIdempotencyKeys });
    dataDir = await makeDataDir();
    configurePractice(dataDir);
    const bookingKeys = await queueBookings(dataDir, backend);
    const port = await freePort();
    const api = `http://127.0.0.1:${port}`;
    const environment = backendEnvironment(backend, {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '500',
      OUTBOX_LEASE_MS: String(LEASE_MS),
    });

    // The backend is down while the calls end: Retell's webhooks queue each call's record.
    await backend.setState('unavailable');
    running = startMain(environment);
    await running.logLine('gateway listening');
    for (let index = 0; index < CALLS; index += 1) {
      const facts = { callId: `call_crash_${index}`, startMs: Date.now() - 90_000, durationMs: 80_000, summary: `Call ${index}.` };
      const reply = await postRetellWebhook(api, retellWebhookBody('call_ended', facts), { apiKey: RETELL_TEST_API_KEY, signedAt: new Date() });
      expect(reply.status).toBe(200);
    }
    const backlog = await eventually(async () => {
      const answer = await readiness(api);
      return answer.body.outbox?.count === CALLS + bookingKeys.length ? answer.body.outbox : undefined;
    });
    expect(backlog.rejected).toBe(0);

    // The backend comes back, slow: the relay's first batch is applied there, and the process dies before any answer.
    backend.answerDelayMs = 500;
    await backend.setState('up');
    await eventually(() => (backend!.effects.length > 0 ? true : undefined), 20_000, 'the first delivery to reach the backend');
    // The rest of that batch arrives meanwhile; its answers are still 300 ms away.
    await new Promise((resolve) => setTimeout(resolve, 200));
    running.kill('SIGKILL');
    expect(await running.exit).toBeNull();
    const appliedAtKill = backend.effects.length;
    const pendingAtKill = CALLS + bookingKeys.length;
    expect(appliedAtKill).toBeGreaterThan(0);

    // A new process on the same data directory takes over the dead one's leases and delivers everything.
    backend.answerDelayMs = 0;
    const restartedAt = Date.now();
    running = startMain(environment);
    await running.logLine('gateway listening');
    const drained = await eventually(async () => {
      const answer = await readiness(api);
      return answer.body.outbox?.count === 0 ? answer.body : undefined;
    }, 30_000, 'the backlog to drain after the restart');
    const drainMs = Date.now() - restartedAt;
    expect(drained).toMatchObject({ status: 'ready', backend: { status: 'up' }, outbox: { count: 0, rejected: 0 } });

    // Exactly once: every call has one record at the backend, every booking one appointment.
    const callKeys = Array.from({ length: CALLS }, (_, index) => `call-record:call_crash_${index}`);
    const effects = backend.effectsPerKey();
    expect([...effects.keys()].sort()).toEqual([...callKeys, ...bookingKeys].sort());
    expect(new Set(effects.values())).toEqual(new Set([1]));
    expect(backend.state.callRecords.size).toBe(CALLS);
    expect(backend.state.appointments.size).toBe(bookingKeys.length);
    // The writes that landed before the kill were sent again (their answers were lost), and changed nothing.
    const answered = new Map<string, number>();
    for (const request of backend.requests) {
      const key = request.headers['idempotency-key'];
      if (key && request.status > 0 && request.status < 500) answered.set(key, (answered.get(key) ?? 0) + 1);
    }
    const replayed = [...answered.values()].filter((count) => count > 1).length;
    expect(replayed).toBeGreaterThanOrEqual(1);

    running.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    console.info(
      `[backend-crash honourIdempotencyKeys=${honourIdempotencyKeys}] backlog ${pendingAtKill} (${CALLS} call records, ` +
        `${bookingKeys.length} bookings); applied at the backend when killed: ${appliedAtKill}; replayed after restart: ${replayed}; ` +
        `drained ${drainMs} ms after the restart (lease ${LEASE_MS} ms); effects per key all 1 (${effects.size} keys); ` +
        `requests ${backend.requests.length}`,
    );
  });
});
