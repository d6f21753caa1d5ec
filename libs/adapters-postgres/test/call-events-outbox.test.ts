import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxRelay } from '@crowndesk/domain';
import { CALLER_NAME, CALLER_NUMBER, HttpOutboxDelivery, ManualClock, OutboxTestBackend } from '@crowndesk/testing';
import { PostgresCallEventInbox, PostgresCallRecordOutbox, PostgresOutboxStore, type PostgresDatabase } from '../src';
import {
  ANALYSIS,
  CALL_ID,
  callEvents,
  countRows,
  failWrites,
  fullyMergedRecord,
  resetCallEvents,
  retellEvent,
} from './support/call-events-fixtures';
import { POSTGRES_ADMIN_URL, T0, usePostgresDatabase } from './support/test-database';

describe.skipIf(!POSTGRES_ADMIN_URL)('call records merged by the PostgreSQL call-event inbox, queued for the backend', () => {
  const fixture = usePostgresDatabase();
  resetCallEvents(fixture);
  const clock = { now: () => T0 };

  /** One gateway machine: its pool, its inbox writing to the shared outbox, and its wake-ups. */
  async function machine(onQueued: () => void = () => undefined) {
    const database = await fixture.open();
    return { database, inbox: queuingInbox(database, onQueued) };
  }

  function queuingInbox(database: PostgresDatabase, onQueued: () => void): PostgresCallEventInbox {
    const queue = new PostgresCallRecordOutbox(database, { onQueued });
    return new PostgresCallEventInbox(database, { clock, onMerged: (client, { record, now }) => queue.queue(client, record, now) });
  }

  const message = async () =>
    (await fixture.sql('SELECT topic, idempotency_key, practice_id, status, payload, created_at FROM outbox_messages')).rows;
  const payload = async () => (await fixture.sql('SELECT payload FROM outbox_messages')).rows[0]?.payload as Record<string, unknown>;

  it('queues one message per call carrying the merged record, refreshed while it waits, and wakes the relay after each commit', async () => {
    const observer = await fixture.open();
    const seenAtWake: Promise<unknown>[] = [];
    // What another machine's relay would find the moment it is woken.
    const { inbox } = await machine(() => seenAtWake.push(observer.pool.query('SELECT payload FROM outbox_messages').then((result) => result.rows)));

    await inbox.accept(callEvents.ended());
    await inbox.accept(callEvents.ended()); // a webhook replay changes nothing and wakes nobody
    await inbox.accept(callEvents.conversation());
    await inbox.accept(callEvents.analyzed());
    await inbox.accept(callEvents.started()); // merges to the same record: nothing to refresh

    expect(await message()).toEqual([
      {
        topic: 'call.record',
        idempotency_key: `call-record:${CALL_ID}`,
        practice_id: fullyMergedRecord().practiceId,
        status: 'pending',
        payload: fullyMergedRecord(),
        created_at: T0,
      },
    ]);
    expect(await inbox.findCall(CALL_ID)).toEqual(fullyMergedRecord());
    const seen = (await Promise.all(seenAtWake)) as { payload: Record<string, unknown> }[][];
    expect(seen.map((rows) => rows.map((row) => [row.payload['outcome'], row.payload['summary']]))).toEqual([
      [['no_action', undefined]],
      [['booked', 'Booked 1 appointment']],
      [['booked', ANALYSIS]],
    ]);
    expect(fixture.logger.dump()).not.toContain(CALLER_NAME);
    expect(fixture.logger.dump()).not.toContain(CALLER_NUMBER);
  });

  it('refreshes a message a relay holds: the attempt in flight sends what it read, a retry the merged record', async () => {
    const { database, inbox } = await machine();
    await inbox.accept(callEvents.ended());
    const [claimed] = await new PostgresOutboxStore(database).claimDue('relay-a', T0, 10, 30_000);

    await inbox.accept(callEvents.analyzed());

    expect(claimed?.payload).not.toHaveProperty('summary');
    expect(await payload()).toMatchObject({ summary: ANALYSIS });
    expect((await inbox.findCall(CALL_ID))?.summary).toBe(ANALYSIS);
  });

  it('leaves a delivered message as it is: the backend records a call once', async () => {
    const { database, inbox } = await machine();
    const store = new PostgresOutboxStore(database);
    await inbox.accept(callEvents.conversation());
    const [claimed] = await store.claimDue('relay-a', T0, 10, 30_000);
    expect(await store.markDelivered(claimed!.id, 'relay-a', T0)).toBe(true);

    await inbox.accept(callEvents.analyzed());

    expect(await message()).toMatchObject([{ status: 'delivered', payload: { outcome: 'booked', summary: 'Booked 1 appointment' } }]);
    expect((await inbox.findCall(CALL_ID))?.summary).toBe(ANALYSIS);
  });

  it('refreshes a message between a failed attempt and its retry, so the retry carries the merged record', async () => {
    const { database, inbox } = await machine();
    const store = new PostgresOutboxStore(database);
    await inbox.accept(callEvents.conversation());
    const [first] = await store.claimDue('relay-a', T0, 10, 30_000);
    await store.scheduleRetry(first!.id, 'relay-a', T0, 'server_error_503');

    await inbox.accept(callEvents.analyzed());

    const [retry] = await store.claimDue('relay-b', T0, 10, 30_000);
    expect(retry).toMatchObject({ id: first!.id, attempts: 2 });
    expect(retry?.payload).toMatchObject({ outcome: 'booked', summary: ANALYSIS });
  });

  describe('atomicity: the event mark, the record and the message change together or not at all', () => {
    it("when the call's first message cannot be written", async () => {
      let woken = 0;
      const { inbox } = await machine(() => (woken += 1));
      await failWrites(fixture, 'INSERT', 'outbox_messages');

      await expect(inbox.accept(callEvents.ended())).rejects.toThrow(`Could not accept call event retell/call_ended of call ${CALL_ID}`);

      expect([await countRows(fixture, 'call_events'), await countRows(fixture, 'call_records'), await countRows(fixture, 'outbox_messages')]).toEqual([
        0, 0, 0,
      ]);
      expect(woken).toBe(0);
    });

    it('when the pending message cannot be refreshed', async () => {
      let woken = 0;
      const { inbox } = await machine(() => (woken += 1));
      await inbox.accept(callEvents.conversation());
      const before = { record: await inbox.findCall(CALL_ID), message: await message() };
      await failWrites(fixture, 'UPDATE', 'outbox_messages');

      await expect(inbox.accept(callEvents.analyzed())).rejects.toThrow(/Could not accept call event retell\/call_analyzed/);

      expect({ record: await inbox.findCall(CALL_ID), message: await message() }).toEqual(before);
      expect((await inbox.receivedEvents(CALL_ID)).map((event) => event.event)).toEqual(['finished']);
      expect(woken).toBe(1);
    });
  });

  describe('delivery', () => {
    let backend: OutboxTestBackend;
    beforeEach(async () => {
      backend = await OutboxTestBackend.start();
    });
    afterEach(async () => {
      await backend.close();
    });

    it('delivers ONE merged record, once, for events that landed on two machines while the backend was down', async () => {
      await backend.setMode('down');
      // The relays' clock moves only when the test moves it: after the first failed attempt nothing is due, so no
      // relay holds the message while the other events merge into it.
      const relayClock = new ManualClock(T0);
      const relays: OutboxRelay[] = [];
      const startMachine = async (workerId: string) => {
        const database = await fixture.open();
        const relay = relayOn(database, backend, workerId, relayClock);
        relays.push(relay);
        relay.start();
        return queuingInbox(database, () => relay.wake());
      };
      const [east, west] = [await startMachine('east'), await startMachine('west')];
      try {
        await east.accept(retellEvent('call_started'));
        await expect
          .poll(async () => (await fixture.sql('SELECT attempts, lease_owner FROM outbox_messages')).rows, { timeout: 10_000, interval: 20 })
          .toEqual([{ attempts: 1, lease_owner: null }]);
        await west.accept(callEvents.conversation());
        await east.accept(retellEvent('call_ended'));
        await west.accept(retellEvent('call_analyzed'));
        await east.accept(retellEvent('call_analyzed'));
        expect(await payload()).toEqual(fullyMergedRecord());

        await backend.setMode('up');
        relayClock.advance(RETRY_AFTER_MS);
        await expect.poll(async () => (await message())[0]?.status, { timeout: 10_000, interval: 20 }).toBe('delivered');
      } finally {
        await Promise.all(relays.map((relay) => relay.stop()));
      }

      expect(backend.effects).toEqual([{ key: `call-record:${CALL_ID}`, path: '/outbox/call.record', body: fullyMergedRecord() }]);
      expect(backend.attempts.get(`call-record:${CALL_ID}`)).toBe(2);
    });
  });
});

const RETRY_AFTER_MS = 60_000;

/** A relay as each gateway machine runs one: quick polls, and a failed attempt retried a minute later on `clock`. */
function relayOn(database: PostgresDatabase, backend: OutboxTestBackend, workerId: string, clock: ManualClock): OutboxRelay {
  return new OutboxRelay({
    store: new PostgresOutboxStore(database),
    delivery: new HttpOutboxDelivery(backend.url),
    clock,
    logger: database.logger,
    workerId,
    pollIntervalMs: 20,
    retry: { baseDelayMs: RETRY_AFTER_MS, maxDelayMs: RETRY_AFTER_MS, minDelayMs: RETRY_AFTER_MS },
  });
}
