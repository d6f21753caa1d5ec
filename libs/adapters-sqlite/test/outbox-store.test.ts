import { describe, expect, it } from 'vitest';
import { SqliteDurableCallLog, SqliteOutboxStore } from '../src';
import { finishedCall } from './support/outbox-fixtures';
import { MONDAY_9AM_NEW_YORK, useTempDatabase } from './support/temp-database';

const LEASE_MS = 30_000;
const at = (ms: number) => new Date(MONDAY_9AM_NEW_YORK.getTime() + ms);

describe('SqliteOutboxStore', () => {
  const fixture = useTempDatabase();

  async function withCalls(count: number) {
    const database = fixture.open({ seedDemo: false });
    const callLog = new SqliteDurableCallLog(database);
    for (let index = 0; index < count; index += 1) {
      fixture.now = at(index); // distinct creation times: oldest first is observable
      await callLog.record(finishedCall(`CA-${index}`));
    }
    fixture.now = at(1_000);
    return { database, store: new SqliteOutboxStore(database) };
  }

  it('claims due messages oldest first, counting an attempt, with the payload as written', async () => {
    const { store } = await withCalls(3);

    const claimed = await store.claimDue('relay-a', fixture.now, 2, LEASE_MS);

    expect(claimed.map((message) => message.idempotencyKey)).toEqual(['call-record:CA-0', 'call-record:CA-1']);
    expect(claimed[0]).toMatchObject({
      practiceId: 'bright-smile',
      topic: 'call.record',
      attempts: 1,
      createdAt: MONDAY_9AM_NEW_YORK.toISOString(),
      payload: finishedCall('CA-0'),
    });
    expect(claimed[0]?.id).toMatch(/^obx_[0-9a-f-]{36}$/);
  });

  it('hides a leased message from every other claimer until the lease expires, then hands it over', async () => {
    const { store, database } = await withCalls(1);
    const otherConnection = new SqliteOutboxStore(fixture.open({ seedDemo: false }));
    const [first] = await store.claimDue('relay-a', fixture.now, 10, LEASE_MS);

    expect(await otherConnection.claimDue('relay-b', fixture.now, 10, LEASE_MS)).toEqual([]);
    expect(await otherConnection.claimDue('relay-b', at(1_000 + LEASE_MS), 10, LEASE_MS)).toEqual([]);
    const takenOver = await otherConnection.claimDue('relay-b', at(1_001 + LEASE_MS), 10, LEASE_MS);

    expect(takenOver.map((message) => [message.id, message.attempts])).toEqual([[first?.id, 2]]);
    // The first relay's late result must not overwrite the new owner's.
    expect(await store.markDelivered(first!.id, 'relay-a', fixture.now)).toBe(false);
    expect(await store.scheduleRetry(first!.id, 'relay-a', fixture.now, 'timeout')).toBe(false);
    expect(await store.markRejected(first!.id, 'relay-a', 'http_400', fixture.now)).toBe(false);
    expect(await otherConnection.markDelivered(first!.id, 'relay-b', fixture.now)).toBe(true);
    const row = database.handle.prepare('SELECT status, lease_owner, last_error FROM outbox_messages').get();
    expect(row).toEqual({ status: 'delivered', lease_owner: null, last_error: null });
  });

  it('never hands one message to two of several connections claiming in turn', async () => {
    const { store } = await withCalls(40);
    const stores = [store, new SqliteOutboxStore(fixture.open({ seedDemo: false })), new SqliteOutboxStore(fixture.open({ seedDemo: false }))];

    const batches = await Promise.all(
      Array.from({ length: 30 }, (_, index) => stores[index % 3]!.claimDue(`relay-${index % 3}`, fixture.now, 3, LEASE_MS)),
    );

    const ids = batches.flat().map((message) => message.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it('keeps a retried message until it is due again, with the failure code', async () => {
    const { store, database } = await withCalls(1);
    const [message] = await store.claimDue('relay-a', fixture.now, 10, LEASE_MS);

    expect(await store.scheduleRetry(message!.id, 'relay-a', at(5_000), 'server_error_503')).toBe(true);

    expect(await store.claimDue('relay-a', at(4_999), 10, LEASE_MS)).toEqual([]);
    const [again] = await store.claimDue('relay-b', at(5_000), 10, LEASE_MS);
    expect(again).toMatchObject({ id: message!.id, attempts: 2 });
    const row = database.handle.prepare('SELECT status, last_error, lease_owner FROM outbox_messages').get();
    expect(row).toEqual({ status: 'pending', last_error: 'server_error_503', lease_owner: 'relay-b' });
  });

  it('parks a rejected message for good and reports the backlog', async () => {
    const { store } = await withCalls(3);
    expect(await store.backlog(at(61_000))).toEqual({ count: 3, oldestAgeMs: 61_000, rejected: 0 });

    const [oldest, second] = await store.claimDue('relay-a', fixture.now, 2, LEASE_MS);
    await store.markRejected(oldest!.id, 'relay-a', 'http_422', fixture.now);
    await store.markDelivered(second!.id, 'relay-a', fixture.now);

    // CA-2, written at +2 ms, is the oldest still pending.
    expect(await store.backlog(at(61_000))).toEqual({ count: 1, oldestAgeMs: 60_998, rejected: 1 });
    // Days later, only the pending one is claimable: the rejected one is never sent again.
    const later = await store.claimDue('relay-a', at(10 * 86_400_000), 10, LEASE_MS);
    expect(later.map((message) => message.idempotencyKey)).toEqual(['call-record:CA-2']);
  });

  it('reports an empty backlog as no age at all', async () => {
    const { store } = await withCalls(0);
    expect(await store.backlog(fixture.now)).toEqual({ count: 0, oldestAgeMs: null, rejected: 0 });
  });
});
