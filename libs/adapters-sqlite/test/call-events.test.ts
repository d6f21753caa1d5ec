import { describe, expect, it } from 'vitest';
import { type CallEvent, type CallRecord, CallPracticeMismatchError, InboxCallLog, conversationFinishedEvent } from '@crowndesk/domain';
import { DEMO_PRACTICE_ID, type EmbeddedDatabase, SqliteCallEventInbox, SqliteCallLog } from '../src';
import { useTempDatabase } from './support/temp-database';

// One Retell call seen from every side: Retell's three webhooks and our own conversation's record.
const CALL_ID = 'call_8f3a2b9c';
const CALLER_NUMBER = '+15555550123';
const SPOKEN_TEXT = [
  'Thank you for calling Bright Smile Dental, this is Ava.',
  'Hi, I would like to book a cleaning.',
  'You are booked for Tuesday at 10 AM.',
  'Great, thanks. Bye.',
];
const TRANSCRIPT = SPOKEN_TEXT.map((text, index) => ({ speaker: index % 2 === 0 ? ('agent' as const) : ('caller' as const), text }));
const ANALYSIS = 'The caller booked a cleaning for Tuesday at 10 AM.';

function retellEvent(event: 'call_started' | 'call_ended' | 'call_analyzed'): CallEvent {
  const base = { source: 'retell' as const, callId: CALL_ID, event, practiceId: DEMO_PRACTICE_ID };
  const started = { channel: 'retell' as const, callerNumber: CALLER_NUMBER, startedAt: '2026-06-01T13:00:00.000Z' };
  const ended = { ...started, endedAt: '2026-06-01T13:04:30.000Z', durationMs: 270_000, transcript: TRANSCRIPT };
  switch (event) {
    case 'call_started':
      return { ...base, receivedAt: '2026-06-01T13:00:01.000Z', facts: started };
    case 'call_ended':
      return { ...base, receivedAt: '2026-06-01T13:04:31.000Z', facts: ended };
    case 'call_analyzed':
      return { ...base, receivedAt: '2026-06-01T13:05:10.000Z', facts: { ...ended, summary: { text: ANALYSIS, kind: 'analysis' } } };
  }
}

/** What our conversation recorded: it heard one utterance less (the goodbye came after it finished). */
const conversationRecord: CallRecord = {
  callId: CALL_ID,
  practiceId: DEMO_PRACTICE_ID,
  channel: 'retell',
  callerNumber: CALLER_NUMBER,
  startedAt: '2026-06-01T13:00:00.400Z',
  endedAt: '2026-06-01T13:04:29.000Z',
  transcript: TRANSCRIPT.slice(0, 3),
  outcome: 'booked',
  summary: 'Booked 1 appointment',
  appointmentIds: ['appt-901'],
};

const callEvent = {
  started: () => retellEvent('call_started'),
  ended: () => retellEvent('call_ended'),
  analyzed: () => retellEvent('call_analyzed'),
  conversation: () => conversationFinishedEvent(conversationRecord),
};

const countRows = (database: EmbeddedDatabase, table: 'call_events' | 'call_records') =>
  database.handle.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get();

describe('SqliteCallEventInbox', () => {
  const fixture = useTempDatabase();

  it("accepts a call's first event as its call record", async () => {
    const database = fixture.open();
    const inbox = new SqliteCallEventInbox(database);

    await expect(inbox.accept(retellEvent('call_ended'))).resolves.toBe('accepted');

    expect(new SqliteCallLog(database).findCall(CALL_ID)).toEqual({
      callId: CALL_ID,
      practiceId: DEMO_PRACTICE_ID,
      channel: 'retell',
      callerNumber: CALLER_NUMBER,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:04:30.000Z',
      transcript: retellEvent('call_ended').facts.transcript,
      outcome: 'no_action',
      appointmentIds: [],
    });
    expect(inbox.receivedEvents(CALL_ID)).toEqual([{ source: 'retell', event: 'call_ended', receivedAt: '2026-06-01T13:04:31.000Z' }]);
  });

  it('answers duplicate to a replay and changes nothing, even with different facts', async () => {
    const database = fixture.open();
    const inbox = new SqliteCallEventInbox(database);
    const log = new SqliteCallLog(database);
    await inbox.accept(retellEvent('call_ended'));
    const before = log.findCall(CALL_ID);

    const replay = { ...retellEvent('call_ended'), facts: { outcome: 'transferred' as const, endedAt: '2026-06-01T14:00:00.000Z' } };
    await expect(inbox.accept(replay)).resolves.toBe('duplicate');

    expect(log.findCall(CALL_ID)).toEqual(before);
    expect(countRows(database, 'call_events')).toBe(1);
    expect(fixture.logger.messages()).toContain('call event already accepted: duplicate ignored');
  });

  it('dedupes durably: across a reopen and across two connections to the file', async () => {
    const first = fixture.open();
    await new SqliteCallEventInbox(first).accept(retellEvent('call_ended'));
    first.close();

    const reopened = fixture.open();
    const other = fixture.open();
    await expect(new SqliteCallEventInbox(reopened).accept(retellEvent('call_ended'))).resolves.toBe('duplicate');
    await expect(new SqliteCallEventInbox(other).accept(retellEvent('call_ended'))).resolves.toBe('duplicate');
    await expect(new SqliteCallEventInbox(other).accept(retellEvent('call_analyzed'))).resolves.toBe('accepted');

    expect(new SqliteCallEventInbox(reopened).receivedEvents(CALL_ID).map((event) => event.event)).toEqual([
      'call_ended',
      'call_analyzed',
    ]);
  });

  it('keys dedupe on source, call and event: the same event name from another source or call is new', async () => {
    const database = fixture.open();
    const inbox = new SqliteCallEventInbox(database);

    await inbox.accept(retellEvent('call_ended'));
    await expect(inbox.accept({ ...retellEvent('call_ended'), source: 'elevenlabs' })).resolves.toBe('accepted');
    await expect(inbox.accept({ ...retellEvent('call_ended'), callId: 'call_other' })).resolves.toBe('accepted');

    expect(countRows(database, 'call_events')).toBe(3);
    expect(countRows(database, 'call_records')).toBe(2);
  });

  it('merges the same way in every order the events arrive (call_analyzed before call_ended included)', async () => {
    const database = fixture.open();
    const inbox = new SqliteCallEventInbox(database);
    const log = new SqliteCallLog(database);
    const orders: (keyof typeof callEvent)[][] = [
      ['started', 'ended', 'analyzed', 'conversation'],
      ['analyzed', 'ended', 'started', 'conversation'],
      ['conversation', 'analyzed', 'started', 'ended'],
      ['ended', 'conversation', 'analyzed', 'started'],
    ];

    const records = [];
    for (const [index, order] of orders.entries()) {
      const callId = `call_order_${index}`;
      for (const name of order) await inbox.accept({ ...callEvent[name](), callId });
      records.push({ ...log.findCall(callId), callId: 'any' });
    }

    expect(records[0]).toEqual({
      callId: 'any',
      practiceId: DEMO_PRACTICE_ID,
      channel: 'retell',
      callerNumber: CALLER_NUMBER,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:04:30.000Z',
      transcript: retellEvent('call_ended').facts.transcript,
      outcome: 'booked',
      summary: ANALYSIS,
      appointmentIds: ['appt-901'],
    });
    for (const record of records) expect(record).toEqual(records[0]);
  });

  it("ends with ONE record for a call our conversation recorded and Retell reported, whichever came first", async () => {
    const database = fixture.open();
    const inbox = new SqliteCallEventInbox(database);
    const log = new SqliteCallLog(database);

    // Retell's call_ended lands before the conversation finishes (it waits out a reconnect grace period).
    await inbox.accept(retellEvent('call_ended'));
    await new InboxCallLog(inbox).record(conversationRecord);
    await inbox.accept(retellEvent('call_analyzed'));

    expect(log.countCalls()).toBe(1);
    const merged = log.findCall(CALL_ID);
    expect(merged?.outcome).toBe('booked');
    expect(merged?.appointmentIds).toEqual(['appt-901']);
    expect(merged?.transcript).toHaveLength(4);
    expect(merged?.summary).toBe(ANALYSIS);
    expect(inbox.receivedEvents(CALL_ID).map(({ source, event }) => `${source}/${event}`).sort()).toEqual([
      'conversation/finished',
      'retell/call_analyzed',
      'retell/call_ended',
    ]);
  });

  it('merges Retell events into a record the plain call log wrote first', async () => {
    const database = fixture.open();
    const log = new SqliteCallLog(database);
    await log.record(conversationRecord);

    await new SqliteCallEventInbox(database).accept(retellEvent('call_analyzed'));

    expect(log.countCalls()).toBe(1);
    expect(log.findCall(CALL_ID)).toMatchObject({
      outcome: 'booked',
      appointmentIds: ['appt-901'],
      transcript: retellEvent('call_analyzed').facts.transcript,
      summary: ANALYSIS,
    });
  });

  it('hands each merged record to onMerged inside the transaction, never for a replay', async () => {
    const database = fixture.open();
    const seen: { outcome: string; event: string; inTransaction: boolean; now: string }[] = [];
    const inbox = new SqliteCallEventInbox(database, {
      onMerged: (record, event, now) =>
        seen.push({ outcome: record.outcome, event: event.event, inTransaction: database.handle.inTransaction, now: now.toISOString() }),
    });

    await inbox.accept(retellEvent('call_ended'));
    await inbox.accept(retellEvent('call_ended'));
    await new InboxCallLog(inbox).record(conversationRecord);

    expect(seen).toEqual([
      { outcome: 'no_action', event: 'call_ended', inTransaction: true, now: fixture.now.toISOString() },
      { outcome: 'booked', event: 'finished', inTransaction: true, now: fixture.now.toISOString() },
    ]);
  });

  describe('atomicity: a failure leaves neither the event mark nor a record change', () => {
    it("when the call's first record cannot be written, and a retry after the fault is accepted", async () => {
      const database = fixture.open();
      const inbox = new SqliteCallEventInbox(database);
      database.handle.exec(
        `CREATE TRIGGER call_records_refuse_insert BEFORE INSERT ON call_records BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );

      await expect(inbox.accept(retellEvent('call_ended'))).rejects.toThrow(`Could not accept call event retell/call_ended of call ${CALL_ID}`);

      expect(countRows(database, 'call_events')).toBe(0);
      expect(countRows(database, 'call_records')).toBe(0);
      database.handle.exec('DROP TRIGGER call_records_refuse_insert');
      await expect(inbox.accept(retellEvent('call_ended'))).resolves.toBe('accepted');
      expect(countRows(database, 'call_records')).toBe(1);
    });

    it('when writing the record fails inside the transaction', async () => {
      const database = fixture.open();
      const inbox = new SqliteCallEventInbox(database);
      const log = new SqliteCallLog(database);
      await inbox.accept(retellEvent('call_ended'));
      const before = log.findCall(CALL_ID);
      database.handle.exec(
        `CREATE TRIGGER call_records_refuse_update BEFORE UPDATE ON call_records BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );

      const failure = await inbox.accept(retellEvent('call_analyzed')).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe(`Could not accept call event retell/call_analyzed of call ${CALL_ID}`);
      expect(((failure as Error).cause as Error).message).toMatch(/disk full/);
      expect(log.findCall(CALL_ID)).toEqual(before);
      expect(inbox.receivedEvents(CALL_ID).map((event) => event.event)).toEqual(['call_ended']);

      database.handle.exec('DROP TRIGGER call_records_refuse_update');
      await expect(inbox.accept(retellEvent('call_analyzed'))).resolves.toBe('accepted');
      expect(log.findCall(CALL_ID)?.summary).toBe(ANALYSIS);
    });

    it('when onMerged throws', async () => {
      const database = fixture.open();
      const inbox = new SqliteCallEventInbox(database, {
        onMerged: () => {
          throw new Error('outbox full');
        },
      });

      await expect(inbox.accept(retellEvent('call_ended'))).rejects.toThrow(/Could not accept call event/);

      expect(countRows(database, 'call_events')).toBe(0);
      expect(countRows(database, 'call_records')).toBe(0);
    });

    it("when the event belongs to another practice than the recorded call", async () => {
      const database = fixture.open();
      const inbox = new SqliteCallEventInbox(database);
      const log = new SqliteCallLog(database);
      await inbox.accept(retellEvent('call_ended'));
      const before = log.findCall(CALL_ID);

      await expect(inbox.accept({ ...retellEvent('call_analyzed'), practiceId: 'practice-other' })).rejects.toBeInstanceOf(
        CallPracticeMismatchError,
      );

      expect(log.findCall(CALL_ID)).toEqual(before);
      expect(countRows(database, 'call_events')).toBe(1);
    });
  });

  it('refuses an invalid event before touching the database', async () => {
    const database = fixture.open();
    const inbox = new SqliteCallEventInbox(database);
    const invalid: CallEvent[] = [
      { ...retellEvent('call_ended'), callId: '  ' },
      { ...retellEvent('call_ended'), event: '' },
      { ...retellEvent('call_ended'), source: 'twilio' as CallEvent['source'] },
      { ...retellEvent('call_ended'), receivedAt: 'yesterday' },
      { ...retellEvent('call_ended'), facts: { startedAt: 'noon' } },
      { ...retellEvent('call_ended'), facts: { callerNumber: '+1'.padEnd(65, '5') } },
      { ...retellEvent('call_ended'), facts: { durationMs: -1 } },
    ];

    for (const event of invalid) await expect(inbox.accept(event)).rejects.toThrow(/Invalid call event/);

    expect(countRows(database, 'call_events')).toBe(0);
    expect(countRows(database, 'call_records')).toBe(0);
  });

  it('logs ids, codes and counts, never the caller number or what was said', async () => {
    const database = fixture.open();
    const inbox = new SqliteCallEventInbox(database);

    await inbox.accept(retellEvent('call_analyzed'));
    await inbox.accept(retellEvent('call_analyzed'));
    await new InboxCallLog(inbox).record(conversationRecord);

    const accepted = fixture.logger.entries.find((entry) => entry.message === 'call event accepted');
    expect(accepted?.fields).toEqual({
      source: 'retell',
      callId: CALL_ID,
      event: 'call_analyzed',
      practiceId: DEMO_PRACTICE_ID,
      outcome: 'no_action',
      utterances: 4,
      appointments: 0,
    });
    const logged = fixture.logger.dump();
    expect(logged).not.toContain(CALLER_NUMBER);
    for (const text of SPOKEN_TEXT) expect(logged).not.toContain(text);
    expect(logged).not.toContain('booked a cleaning');
  });
});
