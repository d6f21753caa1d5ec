import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { committedKeys, OutboxTestBackend, spawnTsxWorker, type TsxWorker, takeOverRelay } from '@crowndesk/testing';
import { SqliteDurableCallLog, SqliteOutboxStore, SqlitePendingBookingStore } from '../src';
import { finishedCall, pendingBooking } from './support/outbox-fixtures';
import { useTempDatabase } from './support/temp-database';

const WORKER = fileURLToPath(new URL('./support/outbox-worker.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

function startWorker(args: string[]): TsxWorker {
  return spawnTsxWorker(WORKER, args, {
    tsconfig: TSCONFIG,
    onUnexpectedExit: ({ code, stderr }) => console.error(`outbox worker exited with ${String(code)}: ${stderr}`),
  });
}

describe('the outbox across a crash (kill -9) and across processes', () => {
  const fixture = useTempDatabase();
  let backend: OutboxTestBackend;
  const workers: TsxWorker[] = [];

  beforeEach(async () => {
    backend = await OutboxTestBackend.start();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await backend.close();
  });

  it('loses nothing and duplicates no effect when the writing, relaying process is killed mid-backlog', async () => {
    const database = fixture.open({ seedDemo: false }); // schema ready before the worker starts
    backend.answerDelayMs = 25; // effects land before answers: a kill catches some deliveries in flight
    const worker = startWorker([fixture.dataDir, backend.url, 'write-and-relay', 'w1', '30']);
    workers.push(worker);

    await expect.poll(() => backend.effects.length, { timeout: 15_000, interval: 5 }).toBeGreaterThanOrEqual(8);
    worker.child.kill('SIGKILL');
    await worker.exited;

    const committed = committedKeys(worker.lines);
    const keyOf = database.handle.prepare<[], string>('SELECT idempotency_key FROM outbox_messages').pluck();
    const pendingCount = database.handle.prepare<[], number>("SELECT count(*) FROM outbox_messages WHERE status = 'pending'").pluck();
    const written = keyOf.all();
    // Every write the process reported as committed is there; every local row has its message and vice versa.
    expect(written).toEqual(expect.arrayContaining(committed));
    const callRecords = database.handle.prepare<[], number>('SELECT count(*) FROM call_records').pluck().get();
    const bookings = database.handle.prepare<[], number>('SELECT count(*) FROM call_bookings').pluck().get();
    expect(callRecords! + bookings!).toBe(written.length);
    // Killed mid-backlog: some messages were still waiting.
    expect(pendingCount.get()).toBeGreaterThan(0);

    // A new relay on the same file, once the dead one's leases have run out.
    const restarted = takeOverRelay(new SqliteOutboxStore(database), backend.url, fixture.logger);
    backend.answerDelayMs = 0;
    for (let round = 0; round < 20 && pendingCount.get()! > 0; round += 1) await restarted.relayOnce();

    expect(pendingCount.get()).toBe(0);
    const effects = backend.effectsPerKey();
    expect([...effects.keys()].sort()).toEqual([...written].sort());
    expect([...effects.values()].every((times) => times === 1)).toBe(true);
    expect(backend.effects).toHaveLength(written.length);
  }, 40_000);

  it('delivers each message exactly once when two relay processes share one database file', async () => {
    const database = fixture.open({ seedDemo: false });
    const callLog = new SqliteDurableCallLog(database);
    const bookings = new SqlitePendingBookingStore(database);
    for (let index = 0; index < 25; index += 1) {
      await callLog.record(finishedCall(`CA-${index}`));
      await bookings.queue(pendingBooking(index));
    }
    backend.answerDelayMs = 5;

    const relays = [startWorker([fixture.dataDir, backend.url, 'relay', 'east']), startWorker([fixture.dataDir, backend.url, 'relay', 'west'])];
    workers.push(...relays);
    const delivered = database.handle.prepare<[], number>("SELECT count(*) FROM outbox_messages WHERE status = 'delivered'").pluck();
    await expect.poll(() => delivered.get(), { timeout: 20_000, interval: 10 }).toBe(50);
    for (const relay of relays) relay.child.stdin.write('stop\n');
    await Promise.all(relays.map((relay) => relay.exited));

    // A healthy backend sees every key exactly once: no message was sent by both relays.
    expect(backend.attempts.size).toBe(50);
    expect([...backend.attempts.values()].every((attempts) => attempts === 1)).toBe(true);
    expect(backend.effects).toHaveLength(50);
    expect(relays.every((relay) => relay.child.exitCode === 0)).toBe(true);
  }, 40_000);
});
