import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { committedKeys, OutboxTestBackend, spawnTsxWorker, takeOverRelay } from '@crowndesk/testing';
import { PostgresOutboxStore } from '../src';
import { POSTGRES_ADMIN_URL, usePostgresDatabase } from './support/test-database';

const WORKER = fileURLToPath(new URL('./support/outbox-worker.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

describe.skipIf(!POSTGRES_ADMIN_URL)('the PostgreSQL outbox across a crash (kill -9)', () => {
  const fixture = usePostgresDatabase();
  let backend: OutboxTestBackend;

  beforeEach(async () => {
    backend = await OutboxTestBackend.start();
  });
  afterEach(async () => {
    await backend.close();
  });

  it('loses nothing and duplicates no effect when the writing, relaying process is killed mid-backlog', async () => {
    backend.answerDelayMs = 25; // effects land before answers: the kill catches some deliveries in flight
    const worker = spawnTsxWorker(WORKER, [fixture.url, backend.url, 'w1', '30'], { tsconfig: TSCONFIG });
    try {
      await expect.poll(() => backend.effects.length, { timeout: 15_000, interval: 5 }).toBeGreaterThanOrEqual(8);
    } catch (error) {
      throw new Error(`the worker did not deliver: ${worker.stderr()}`, { cause: error });
    } finally {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }

    const committed = committedKeys(worker.lines);
    const written = (await fixture.sql('SELECT idempotency_key FROM outbox_messages')).rows.map((row) => row.idempotency_key as string);
    const pending = async () => (await fixture.sql("SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'")).rows[0].n;
    expect(written).toEqual(expect.arrayContaining(committed));
    const local = await fixture.sql('SELECT (SELECT count(*) FROM call_records) + (SELECT count(*) FROM call_bookings) AS n');
    expect(Number(local.rows[0].n)).toBe(written.length);
    expect(await pending()).toBeGreaterThan(0);

    const restarted = takeOverRelay(new PostgresOutboxStore(await fixture.open()), backend.url, fixture.logger);
    backend.answerDelayMs = 0;
    for (let round = 0; round < 20 && (await pending()) > 0; round += 1) await restarted.relayOnce();

    expect(await pending()).toBe(0);
    const effects = backend.effectsPerKey();
    expect([...effects.keys()].sort()).toEqual([...written].sort());
    expect([...effects.values()].every((times) => times === 1)).toBe(true);
  });
});
