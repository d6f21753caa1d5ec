import { describe, expect, it } from 'vitest';
import type { CallEventAcceptance } from '@crowndesk/domain';
import { Gate } from '@crowndesk/testing';
import { PostgresCallEventInbox, PostgresCallRecordOutbox, type PostgresDatabase } from '../src';
import { allEvents, ANALYSIS, CALL_ID, callEvents, fullyMergedRecord, resetCallEvents } from './support/call-events-fixtures';
import { POSTGRES_ADMIN_URL, T0, usePostgresDatabase, type PostgresFixture } from './support/test-database';

describe.skipIf(!POSTGRES_ADMIN_URL)('PostgresCallEventInbox on several machines at once', () => {
  const fixture = usePostgresDatabase();
  resetCallEvents(fixture);
  const clock = { now: () => T0 };

  function queuingInbox(database: PostgresDatabase, options: { holdInTransaction?: Promise<void> } = {}): PostgresCallEventInbox {
    const queue = new PostgresCallRecordOutbox(database);
    return new PostgresCallEventInbox(database, {
      clock,
      onMerged: async (client, { record, now }) => {
        await options.holdInTransaction;
        return queue.queue(client, record, now);
      },
    });
  }

  it('ends with one correct merged record and one pending message when two pools race every event of a call, twice', async () => {
    const machines = [queuingInbox(await fixture.open()), queuingInbox(await fixture.open())];
    const rounds = 12;

    for (let round = 0; round < rounds; round += 1) {
      const callId = `call_race_${round}`;
      // Each event reaches both machines (a webhook retried by its sender, on another machine), all at once.
      const deliveries = shuffled(allEvents(callId).flatMap((event) => [{ event, machine: 0 }, { event, machine: 1 }]));
      const answers = await Promise.all(deliveries.map(({ event, machine }) => machines[machine]!.accept(event)));

      expect(tally(answers)).toEqual({ accepted: 4, duplicate: 4 });
      expect(await machines[round % 2]!.findCall(callId)).toEqual(fullyMergedRecord(callId));
    }

    const messages = await fixture.sql('SELECT idempotency_key, status, payload FROM outbox_messages ORDER BY idempotency_key');
    expect(messages.rows).toEqual(
      Array.from({ length: rounds }, (_, round) => `call_race_${round}`)
        .sort()
        .map((callId) => ({ idempotency_key: `call-record:${callId}`, status: 'pending', payload: fullyMergedRecord(callId) })),
    );
    const events = await fixture.sql('SELECT call_id, count(*)::int AS n FROM call_events GROUP BY call_id');
    expect(events.rows).toHaveLength(rounds);
    expect(events.rows.every((row) => row.n === 4)).toBe(true);
  });

  it.each(['read committed', 'repeatable read'])(
    "merges into a call's first record another machine is still writing, instead of overwriting it (server default: %s)",
    async (isolation) => {
      await fixture.sql(`ALTER DATABASE ${await databaseName(fixture)} SET default_transaction_isolation = '${isolation}'`);
      try {
        const first = new Gate();
        const east = queuingInbox(await fixture.open(), { holdInTransaction: first.opened });
        const west = queuingInbox(await fixture.open());

        // East has inserted the call's first record and holds its transaction open.
        const eastAnswer = east.accept(callEvents.conversation());
        await waitForTransactionHolding(fixture, 'call_records');
        // West finds no record to lock, so it inserts one: that waits on east's uncommitted row.
        const westAnswer = west.accept(callEvents.analyzed());
        await waitForBlockedBackends(fixture, 1);
        first.open();

        expect(await Promise.all([eastAnswer, westAnswer])).toEqual(['accepted', 'accepted']);
        expect(await east.findCall(CALL_ID)).toEqual(fullyMergedRecord());
        expect((await fixture.sql('SELECT payload FROM outbox_messages')).rows).toEqual([{ payload: fullyMergedRecord() }]);
      } finally {
        await fixture.sql(`ALTER DATABASE ${await databaseName(fixture)} RESET default_transaction_isolation`);
      }
    },
  );

  it("waits for the lock on a recorded call, then merges into what the other machine committed", async () => {
    const seed = queuingInbox(await fixture.open());
    await seed.accept(callEvents.started());
    const held = new Gate();
    const east = queuingInbox(await fixture.open(), { holdInTransaction: held.opened });
    const west = queuingInbox(await fixture.open());

    const eastAnswer = east.accept(callEvents.conversation());
    await waitForTransactionHolding(fixture, 'call_records');
    const westAnswer = west.accept(callEvents.analyzed());
    await waitForBlockedBackends(fixture, 1);
    held.open();

    expect(await Promise.all([eastAnswer, westAnswer])).toEqual(['accepted', 'accepted']);
    const merged = await east.findCall(CALL_ID);
    expect(merged).toMatchObject({ outcome: 'booked', appointmentIds: ['appt-901'], summary: ANALYSIS });
    expect((await fixture.sql('SELECT payload FROM outbox_messages')).rows).toEqual([{ payload: merged }]);
  });

  it('lets one of two machines receiving the same event at once accept it; the other waits and answers duplicate', async () => {
    const held = new Gate();
    const east = queuingInbox(await fixture.open(), { holdInTransaction: held.opened });
    const west = queuingInbox(await fixture.open());

    const eastAnswer = east.accept(callEvents.ended());
    await waitForTransactionHolding(fixture, 'call_records');
    const westAnswer = west.accept(callEvents.ended());
    await waitForBlockedBackends(fixture, 1);
    held.open();

    expect(await Promise.all([eastAnswer, westAnswer])).toEqual(['accepted', 'duplicate']);
    expect((await fixture.sql('SELECT count(*)::int AS n FROM call_events')).rows).toEqual([{ n: 1 }]);
  });
});

async function databaseName(fixture: PostgresFixture): Promise<string> {
  return (await fixture.sql('SELECT current_database() AS name')).rows[0].name as string;
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

function tally(answers: CallEventAcceptance[]): Record<CallEventAcceptance, number> {
  return { accepted: answers.filter((answer) => answer === 'accepted').length, duplicate: answers.filter((answer) => answer === 'duplicate').length };
}

/** Until a transaction of the fixture's database holds a write lock on `table` (its merge is under way). */
async function waitForTransactionHolding(fixture: PostgresFixture, table: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await fixture.sql(
            `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
              WHERE d.datname = current_database() AND l.relation = $1::regclass AND l.mode = 'RowExclusiveLock' AND l.granted`,
            [table],
          )
        ).rows[0].n as number,
      { timeout: 10_000, interval: 10 },
    )
    .toBeGreaterThan(0);
}

/** Until `count` sessions of the fixture's database wait for a lock another transaction holds. */
async function waitForBlockedBackends(fixture: PostgresFixture, count: number): Promise<void> {
  await expect
    .poll(
      async () =>
        (
          await fixture.sql(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND cardinality(pg_blocking_pids(pid)) > 0`,
          )
        ).rows[0].n as number,
      { timeout: 10_000, interval: 10 },
    )
    .toBe(count);
}
