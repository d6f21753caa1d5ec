import type { Pool, PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { type CallEvent, CallPracticeMismatchError, InboxCallLog } from '@crowndesk/domain';
import { CALLER_NAME, CALLER_NUMBER } from '@crowndesk/testing';
import { PostgresCallEventInbox, PostgresDurableCallLog } from '../src';
import {
  ANALYSIS,
  CALL_ID,
  callEvents,
  conversationRecord,
  countRows,
  failWrites,
  fullyMergedRecord,
  permutations,
  PRACTICE_ID,
  resetCallEvents,
  retellEvent,
  SPOKEN,
} from './support/call-events-fixtures';
import { POSTGRES_ADMIN_URL, T0, usePostgresDatabase } from './support/test-database';

describe.skipIf(!POSTGRES_ADMIN_URL)('PostgresCallEventInbox', () => {
  const fixture = usePostgresDatabase();
  resetCallEvents(fixture);
  const clock = { now: () => T0 };
  const openInbox = async () => new PostgresCallEventInbox(await fixture.open(), { clock });

  it("accepts a call's first event as its call record", async () => {
    const inbox = await openInbox();

    await expect(inbox.accept(retellEvent('call_ended'))).resolves.toBe('accepted');

    expect(await inbox.findCall(CALL_ID)).toEqual({
      callId: CALL_ID,
      practiceId: PRACTICE_ID,
      channel: 'retell',
      callerNumber: CALLER_NUMBER,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:04:30.000Z',
      transcript: retellEvent('call_ended').facts.transcript,
      outcome: 'no_action',
      appointmentIds: [],
    });
    expect(await inbox.receivedEvents(CALL_ID)).toEqual([{ source: 'retell', event: 'call_ended', receivedAt: '2026-06-01T13:04:31.000Z' }]);
    const rows = await fixture.sql('SELECT practice_id, accepted_at FROM call_events');
    expect(rows.rows).toEqual([{ practice_id: PRACTICE_ID, accepted_at: T0 }]);
    expect(await inbox.findCall('call_unknown')).toBeNull();
  });

  it('answers duplicate to a replay and changes nothing, even with different facts', async () => {
    const inbox = await openInbox();
    await inbox.accept(retellEvent('call_ended'));
    const before = await inbox.findCall(CALL_ID);

    const replay = { ...retellEvent('call_ended'), facts: { outcome: 'transferred' as const, endedAt: '2026-06-01T14:00:00.000Z' } };
    await expect(inbox.accept(replay)).resolves.toBe('duplicate');

    expect(await inbox.findCall(CALL_ID)).toEqual(before);
    expect(await countRows(fixture, 'call_events')).toBe(1);
    expect(fixture.logger.messages()).toContain('call event already accepted: duplicate ignored');
  });

  it('dedupes durably: across a reopen and across two pools', async () => {
    const first = await fixture.open();
    await new PostgresCallEventInbox(first).accept(retellEvent('call_ended'));
    await first.close();

    const reopened = new PostgresCallEventInbox(await fixture.open());
    const other = new PostgresCallEventInbox(await fixture.open());
    await expect(reopened.accept(retellEvent('call_ended'))).resolves.toBe('duplicate');
    await expect(other.accept(retellEvent('call_ended'))).resolves.toBe('duplicate');
    await expect(other.accept(retellEvent('call_analyzed'))).resolves.toBe('accepted');
    await expect(reopened.accept(retellEvent('call_analyzed'))).resolves.toBe('duplicate');

    expect((await reopened.receivedEvents(CALL_ID)).map((event) => event.event)).toEqual(['call_ended', 'call_analyzed']);
    expect((await reopened.findCall(CALL_ID))?.summary).toBe(ANALYSIS);
  });

  it('keys dedupe on source, call and event: the same event name from another source or call is new', async () => {
    const inbox = await openInbox();

    await inbox.accept(retellEvent('call_ended'));
    await expect(inbox.accept({ ...retellEvent('call_ended'), source: 'elevenlabs' })).resolves.toBe('accepted');
    await expect(inbox.accept(retellEvent('call_ended', 'call_other'))).resolves.toBe('accepted');

    expect(await countRows(fixture, 'call_events')).toBe(3);
    expect(await countRows(fixture, 'call_records')).toBe(2);
  });

  it('merges the four events of a call into the same record in every order they arrive, on either machine', async () => {
    const machines = [await openInbox(), await openInbox()];
    const orders = permutations(['started', 'ended', 'analyzed', 'conversation'] as const);
    expect(orders).toHaveLength(24);

    for (const [index, order] of orders.entries()) {
      const callId = `call_order_${index}`;
      for (const [step, name] of order.entries()) {
        await expect(machines[step % 2]!.accept(callEvents[name](callId))).resolves.toBe('accepted');
      }
    }

    for (const index of orders.keys()) {
      expect(await machines[index % 2]!.findCall(`call_order_${index}`)).toEqual(fullyMergedRecord(`call_order_${index}`));
    }
    expect(await countRows(fixture, 'call_events')).toBe(96);
  });

  it('ends with ONE record for a call our conversation recorded and Retell reported, whichever came first', async () => {
    const inbox = await openInbox();
    const callLog = new InboxCallLog(inbox);

    // Retell's call_ended lands before the conversation finishes (it waits out a reconnect grace period).
    await inbox.accept(retellEvent('call_ended'));
    await callLog.record(conversationRecord());
    await callLog.record({ ...conversationRecord(), outcome: 'no_action', appointmentIds: ['appt-other'] });
    await inbox.accept(retellEvent('call_analyzed'));

    expect(await countRows(fixture, 'call_records')).toBe(1);
    expect(await inbox.findCall(CALL_ID)).toEqual(fullyMergedRecord());
    expect((await inbox.receivedEvents(CALL_ID)).map(({ source, event }) => `${source}/${event}`).sort()).toEqual([
      'conversation/finished',
      'retell/call_analyzed',
      'retell/call_ended',
    ]);
  });

  it('merges events into a record that PostgresDurableCallLog wrote first (a machine of the previous release)', async () => {
    const database = await fixture.open();
    await new PostgresDurableCallLog(database, { clock }).record(conversationRecord());

    await new PostgresCallEventInbox(database, { clock }).accept(retellEvent('call_analyzed'));

    expect(await countRows(fixture, 'call_records')).toBe(1);
    expect(await new PostgresCallEventInbox(database).findCall(CALL_ID)).toEqual(fullyMergedRecord());
  });

  it('runs onMerged inside the transaction, and the work it returns only after the commit', async () => {
    const database = await fixture.open();
    const observer = await fixture.open();
    const eventRows = async (client: Pool | PoolClient) =>
      (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM call_events')).rows[0]!.n;
    const inTransaction: string[] = [];
    const afterCommit: Promise<string>[] = [];
    const inbox = new PostgresCallEventInbox(database, {
      clock,
      onMerged: async (client, { record, event, now }) => {
        const [inside, outside] = [await eventRows(client), await eventRows(observer.pool)];
        inTransaction.push(`${event.event}: ${record.outcome} at ${now.toISOString()}; rows ${inside} inside, ${outside} outside`);
        return () => void afterCommit.push(eventRows(observer.pool).then((rows) => `${event.event} committed; rows ${rows} outside`));
      },
    });

    await inbox.accept(retellEvent('call_ended'));
    await inbox.accept(retellEvent('call_ended'));
    await new InboxCallLog(inbox).record(conversationRecord());

    expect(inTransaction).toEqual([
      `call_ended: no_action at ${T0.toISOString()}; rows 1 inside, 0 outside`,
      `finished: booked at ${T0.toISOString()}; rows 2 inside, 1 outside`,
    ]);
    expect(await Promise.all(afterCommit)).toEqual(['call_ended committed; rows 1 outside', 'finished committed; rows 2 outside']);
  });

  it('reports work after the commit that fails, and still answers accepted: the event is in', async () => {
    const inbox = new PostgresCallEventInbox(await fixture.open(), {
      onMerged: async () => () => {
        throw new TypeError('relay gone');
      },
    });

    await expect(inbox.accept(retellEvent('call_ended'))).resolves.toBe('accepted');

    expect(await countRows(fixture, 'call_events')).toBe(1);
    expect(fixture.logger.find('warn', 'work after a call event commit failed')?.fields).toMatchObject({ callId: CALL_ID, err: 'TypeError' });
  });

  describe('atomicity: a failure leaves neither the event mark nor a record change', () => {
    it("when the call's first record cannot be written, and a retry after the fault is accepted", async () => {
      const inbox = await openInbox();
      await failWrites(fixture, 'INSERT', 'call_records');

      await expect(inbox.accept(retellEvent('call_ended'))).rejects.toThrow(`Could not accept call event retell/call_ended of call ${CALL_ID}`);

      expect(await countRows(fixture, 'call_events')).toBe(0);
      expect(await countRows(fixture, 'call_records')).toBe(0);
      await fixture.sql('DROP TRIGGER call_events_test_fault ON call_records');
      await expect(inbox.accept(retellEvent('call_ended'))).resolves.toBe('accepted');
      expect(await countRows(fixture, 'call_records')).toBe(1);
    });

    it('when updating the record fails, after the event was marked', async () => {
      const inbox = await openInbox();
      await inbox.accept(retellEvent('call_ended'));
      const before = await inbox.findCall(CALL_ID);
      await failWrites(fixture, 'UPDATE', 'call_records');

      const failure = await inbox.accept(retellEvent('call_analyzed')).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe(`Could not accept call event retell/call_analyzed of call ${CALL_ID}`);
      expect(((failure as Error).cause as Error).message).toMatch(/disk full/);
      expect(await inbox.findCall(CALL_ID)).toEqual(before);
      expect((await inbox.receivedEvents(CALL_ID)).map((event) => event.event)).toEqual(['call_ended']);

      await fixture.sql('DROP TRIGGER call_events_test_fault ON call_records');
      await expect(inbox.accept(retellEvent('call_analyzed'))).resolves.toBe('accepted');
      expect((await inbox.findCall(CALL_ID))?.summary).toBe(ANALYSIS);
    });

    it('when the event mark itself cannot be written', async () => {
      const inbox = await openInbox();
      await failWrites(fixture, 'INSERT', 'call_events');

      await expect(inbox.accept(retellEvent('call_ended'))).rejects.toThrow(/Could not accept call event/);

      expect(await countRows(fixture, 'call_records')).toBe(0);
    });

    it('when onMerged rejects, and its after-commit work never runs', async () => {
      let ranAfterCommit = false;
      const inbox = new PostgresCallEventInbox(await fixture.open(), {
        onMerged: async (client) => {
          await client.query('SELECT 1 FROM no_such_table');
          return () => (ranAfterCommit = true);
        },
      });

      await expect(inbox.accept(retellEvent('call_ended'))).rejects.toThrow(/Could not accept call event/);

      expect(await countRows(fixture, 'call_events')).toBe(0);
      expect(await countRows(fixture, 'call_records')).toBe(0);
      expect(ranAfterCommit).toBe(false);
    });

    it('when the event belongs to another practice than the recorded call', async () => {
      const inbox = await openInbox();
      await inbox.accept(retellEvent('call_ended'));
      const before = await inbox.findCall(CALL_ID);

      await expect(inbox.accept({ ...retellEvent('call_analyzed'), practiceId: 'practice-other' })).rejects.toBeInstanceOf(
        CallPracticeMismatchError,
      );

      expect(await inbox.findCall(CALL_ID)).toEqual(before);
      expect(await countRows(fixture, 'call_events')).toBe(1);
    });
  });

  it('refuses an invalid event before touching the database, naming the field and never the value', async () => {
    const inbox = await openInbox();
    const invalid: [CallEvent, string][] = [
      [{ ...retellEvent('call_ended'), callId: '  ' }, 'callId'],
      [{ ...retellEvent('call_ended'), event: '' }, 'event'],
      [{ ...retellEvent('call_ended'), source: 'twilio' as CallEvent['source'] }, 'source'],
      [{ ...retellEvent('call_ended'), receivedAt: 'yesterday' }, 'receivedAt'],
      [{ ...retellEvent('call_ended'), facts: { startedAt: CALLER_NAME } }, 'facts.startedAt'],
      [{ ...retellEvent('call_ended'), facts: { callerNumber: CALLER_NUMBER.padEnd(65, '5') } }, 'facts.callerNumber'],
      [{ ...retellEvent('call_ended'), facts: { durationMs: -1 } }, 'facts.durationMs'],
    ];

    for (const [event, field] of invalid) {
      const failure = await inbox.accept(event).catch((error: unknown) => error as Error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe(`Invalid call event: bad ${field}`);
    }

    expect(await countRows(fixture, 'call_events')).toBe(0);
    expect(await countRows(fixture, 'call_records')).toBe(0);
  });

  it('logs ids, codes and counts, never the caller number or what was said', async () => {
    const inbox = await openInbox();

    await inbox.accept(retellEvent('call_analyzed'));
    await inbox.accept(retellEvent('call_analyzed'));
    await new InboxCallLog(inbox).record(conversationRecord());

    expect(fixture.logger.find('info', 'call event accepted')?.fields).toEqual({
      source: 'retell',
      callId: CALL_ID,
      event: 'call_analyzed',
      practiceId: PRACTICE_ID,
      outcome: 'no_action',
      utterances: 4,
      appointments: 0,
    });
    const logged = fixture.logger.dump();
    expect(logged).not.toContain(CALLER_NUMBER);
    expect(logged).not.toContain(CALLER_NAME);
    for (const text of SPOKEN) expect(logged).not.toContain(text);
  });
});
