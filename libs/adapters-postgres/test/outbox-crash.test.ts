import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxRelay } from '@crowndesk/domain';
import { PostgresOutboxStore } from '../src';
import { HttpOutboxDelivery } from './support/http-outbox-delivery';
import { OutboxTestBackend } from './support/outbox-test-backend';
import { POSTGRES_ADMIN_URL, usePostgresDatabase } from './support/test-database';

const WORKER = fileURLToPath(new URL('./support/outbox-worker.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
/** The worker relay's lease: after it, another relay may take over what the dead one had claimed. */
const WORKER_LEASE_MS = 2_000;

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
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, fixture.url, backend.url, 'w1', '30'], {
      env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
    });
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit');
    try {
      await expect.poll(() => backend.effects.length, { timeout: 15_000, interval: 5 }).toBeGreaterThanOrEqual(8);
    } catch (error) {
      throw new Error(`the worker did not deliver: ${stderr}`, { cause: error });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }

    const committed = lines.filter((line) => line.startsWith('committed ')).map((line) => line.slice('committed '.length));
    const written = (await fixture.sql('SELECT idempotency_key FROM outbox_messages')).rows.map((row) => row.idempotency_key as string);
    const pending = async () => (await fixture.sql("SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'")).rows[0].n;
    expect(written).toEqual(expect.arrayContaining(committed));
    const local = await fixture.sql('SELECT (SELECT count(*) FROM call_records) + (SELECT count(*) FROM call_bookings) AS n');
    expect(Number(local.rows[0].n)).toBe(written.length);
    expect(await pending()).toBeGreaterThan(0);

    const restarted = new OutboxRelay({
      store: new PostgresOutboxStore(await fixture.open()),
      delivery: new HttpOutboxDelivery(backend.url),
      clock: { now: () => new Date(Date.now() + WORKER_LEASE_MS + 1) },
      logger: fixture.logger,
      workerId: 'w2',
      batchSize: 20,
    });
    backend.answerDelayMs = 0;
    for (let round = 0; round < 20 && (await pending()) > 0; round += 1) await restarted.relayOnce();

    expect(await pending()).toBe(0);
    const effects = backend.effectsPerKey();
    expect([...effects.keys()].sort()).toEqual([...written].sort());
    expect([...effects.values()].every((times) => times === 1)).toBe(true);
  });
});
