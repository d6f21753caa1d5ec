import { describe, expect, it } from 'vitest';
import { PostgresDurableCallLog, PostgresOutboxStore } from '../src';
import { finishedCall } from './support/outbox-fixtures';
import { POSTGRES_ADMIN_URL, T0, usePostgresDatabase } from './support/test-database';

const LEASE_MS = 30_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.skipIf(!POSTGRES_ADMIN_URL)('PostgresOutboxStore', () => {
  const fixture = usePostgresDatabase();

  async function withCalls(count: number) {
    const database = await fixture.open();
    let clock = at(0);
    const callLog = new PostgresDurableCallLog(database, { clock: { now: () => clock } });
    for (let index = 0; index < count; index += 1) {
      clock = at(index); // distinct creation times: oldest first is observable
      await callLog.record(finishedCall(`CA-${index}`));
    }
    return { database, store: new PostgresOutboxStore(database), now: at(1_000) };
  }

  it('claims due messages oldest first, counting an attempt, with the payload as written', async () => {
    const { store, now } = await withCalls(3);

    const claimed = await store.claimDue('relay-a', now, 2, LEASE_MS);

    expect(claimed.map((message) => message.idempotencyKey)).toEqual(['call-record:CA-0', 'call-record:CA-1']);
    expect(claimed[0]).toEqual({
      id: expect.stringMatching(/^obx_[0-9a-f-]{36}$/),
      practiceId: 'practice-maple',
      topic: 'call.record',
      idempotencyKey: 'call-record:CA-0',
      attempts: 1,
      createdAt: T0.toISOString(),
      payload: finishedCall('CA-0'),
    });
  });

  it('hides a leased message from every other machine until the lease expires, then hands it over', async () => {
    const { store, now } = await withCalls(1);
    const otherMachine = new PostgresOutboxStore(await fixture.open());
    const [first] = await store.claimDue('relay-a', now, 10, LEASE_MS);

    expect(await otherMachine.claimDue('relay-b', now, 10, LEASE_MS)).toEqual([]);
    expect(await otherMachine.claimDue('relay-b', at(1_000 + LEASE_MS), 10, LEASE_MS)).toEqual([]);
    const takenOver = await otherMachine.claimDue('relay-b', at(1_001 + LEASE_MS), 10, LEASE_MS);

    expect(takenOver.map((message) => [message.id, message.attempts])).toEqual([[first?.id, 2]]);
    // The first relay's late result must not overwrite the new owner's.
    expect(await store.markDelivered(first!.id, 'relay-a', now)).toBe(false);
    expect(await store.scheduleRetry(first!.id, 'relay-a', now, 'timeout')).toBe(false);
    expect(await store.markRejected(first!.id, 'relay-a', 'http_400', now)).toBe(false);
    expect(await otherMachine.markDelivered(first!.id, 'relay-b', now)).toBe(true);
    const rows = await fixture.sql('SELECT status, lease_owner, last_error, delivered_at FROM outbox_messages');
    expect(rows.rows).toEqual([{ status: 'delivered', lease_owner: null, last_error: null, delivered_at: now }]);
  });

  it('never hands one message to two claimers racing on several pools (FOR UPDATE SKIP LOCKED)', async () => {
    const { store, now } = await withCalls(60);
    const stores = [store, new PostgresOutboxStore(await fixture.open()), new PostgresOutboxStore(await fixture.open())];

    const batches = await Promise.all(
      Array.from({ length: 45 }, (_, index) => stores[index % 3]!.claimDue(`relay-${index % 3}`, now, 2, LEASE_MS)),
    );

    const ids = batches.flat().map((message) => message.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect((await fixture.sql('SELECT DISTINCT attempts FROM outbox_messages')).rows).toEqual([{ attempts: 1 }]);
  });

  it('keeps a retried message until it is due again, with the failure code', async () => {
    const { store, now } = await withCalls(1);
    const [message] = await store.claimDue('relay-a', now, 10, LEASE_MS);

    expect(await store.scheduleRetry(message!.id, 'relay-a', at(5_000), 'server_error_503')).toBe(true);

    expect(await store.claimDue('relay-a', at(4_999), 10, LEASE_MS)).toEqual([]);
    const [again] = await store.claimDue('relay-b', at(5_000), 10, LEASE_MS);
    expect(again).toMatchObject({ id: message!.id, attempts: 2 });
    const rows = await fixture.sql('SELECT status, last_error, lease_owner FROM outbox_messages');
    expect(rows.rows).toEqual([{ status: 'pending', last_error: 'server_error_503', lease_owner: 'relay-b' }]);
  });

  it('parks a rejected message for good and reports the backlog', async () => {
    const { store, now } = await withCalls(3);
    expect(await store.backlog(at(61_000))).toEqual({ count: 3, oldestAgeMs: 61_000, rejected: 0 });

    const [oldest, second] = await store.claimDue('relay-a', now, 2, LEASE_MS);
    await store.markRejected(oldest!.id, 'relay-a', 'http_422', now);
    await store.markDelivered(second!.id, 'relay-a', now);

    // CA-2, written at +2 ms, is the oldest still pending.
    expect(await store.backlog(at(61_000))).toEqual({ count: 1, oldestAgeMs: 60_998, rejected: 1 });
    const later = await store.claimDue('relay-a', at(10 * 86_400_000), 10, LEASE_MS);
    expect(later.map((message) => message.idempotencyKey)).toEqual(['call-record:CA-2']);
  });

  it('reports an empty backlog as no age at all', async () => {
    const { store, now } = await withCalls(0);
    expect(await store.backlog(now)).toEqual({ count: 0, oldestAgeMs: null, rejected: 0 });
  });
});
