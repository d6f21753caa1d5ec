import { beforeEach } from 'vitest';
import { type CallEvent, type CallRecord, conversationFinishedEvent } from '@crowndesk/domain';
import { CALLER_NAME, CALLER_NUMBER } from '@crowndesk/testing';
import type { PostgresFixture } from './test-database';

/**
 * One call seen from every side: Retell's three post-call webhooks and our own conversation's record. They
 * carry PHI (the caller's name and number), so tests can check that logs never do.
 */

export const CALL_ID = 'call_8f3a2b9c';
export const PRACTICE_ID = 'practice-maple';
export const ANALYSIS = `${CALLER_NAME} booked a cleaning for Tuesday at 10 AM.`;

const START = '2026-06-01T13:00:00.000Z';
const END = '2026-06-01T13:04:30.000Z';

export const SPOKEN = [
  'Thank you for calling Maple Dental, this is Ava.',
  `Hi, this is ${CALLER_NAME}, I would like to book a cleaning.`,
  'You are booked for Tuesday at 10 AM.',
  'Great, thanks. Bye.',
];
const TRANSCRIPT = SPOKEN.map((text, index) => ({ speaker: index % 2 === 0 ? ('agent' as const) : ('caller' as const), text }));

export type RetellEventName = 'call_started' | 'call_ended' | 'call_analyzed';

export function retellEvent(event: RetellEventName, callId = CALL_ID): CallEvent {
  const base = { source: 'retell' as const, callId, event, practiceId: PRACTICE_ID };
  const started = { channel: 'retell' as const, callerNumber: CALLER_NUMBER, startedAt: START };
  const ended = { ...started, endedAt: END, durationMs: 270_000, transcript: TRANSCRIPT };
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
export function conversationRecord(callId = CALL_ID): CallRecord {
  return {
    callId,
    practiceId: PRACTICE_ID,
    channel: 'retell',
    callerNumber: CALLER_NUMBER,
    startedAt: '2026-06-01T13:00:00.400Z',
    endedAt: '2026-06-01T13:04:29.000Z',
    transcript: TRANSCRIPT.slice(0, 3),
    outcome: 'booked',
    summary: 'Booked 1 appointment',
    appointmentIds: ['appt-901'],
  };
}

export const callEvents = {
  started: (callId = CALL_ID) => retellEvent('call_started', callId),
  ended: (callId = CALL_ID) => retellEvent('call_ended', callId),
  analyzed: (callId = CALL_ID) => retellEvent('call_analyzed', callId),
  conversation: (callId = CALL_ID) => conversationFinishedEvent(conversationRecord(callId)),
};

/** The four events of a call, in their natural order. */
export function allEvents(callId = CALL_ID): CallEvent[] {
  return [callEvents.started(callId), callEvents.ended(callId), callEvents.analyzed(callId), callEvents.conversation(callId)];
}

/**
 * The call's record once all four are merged, written out by hand: Retell's times, transcript and analysis, our
 * outcome and appointment.
 */
export function fullyMergedRecord(callId = CALL_ID): CallRecord {
  return {
    callId,
    practiceId: PRACTICE_ID,
    channel: 'retell',
    callerNumber: CALLER_NUMBER,
    startedAt: START,
    endedAt: END,
    transcript: TRANSCRIPT,
    outcome: 'booked',
    summary: ANALYSIS,
    appointmentIds: ['appt-901'],
  };
}

export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

const FAULT = 'call_events_test_fault';
const FAULT_TABLES = ['call_events', 'call_records', 'outbox_messages'] as const;
type FaultTable = (typeof FAULT_TABLES)[number];

/** A real failure inside a transaction: the database refuses `operation` on `table` ("disk full"). */
export async function failWrites(fixture: PostgresFixture, operation: 'INSERT' | 'UPDATE', table: FaultTable): Promise<void> {
  await fixture.sql(`
    CREATE OR REPLACE FUNCTION ${FAULT}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'disk full'; END $$;
    CREATE TRIGGER ${FAULT} BEFORE ${operation} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${FAULT}();`);
}

export async function clearFaults(fixture: PostgresFixture): Promise<void> {
  await fixture.sql(FAULT_TABLES.map((table) => `DROP TRIGGER IF EXISTS ${FAULT} ON ${table};`).join('\n'));
}

/**
 * Before each test (after the fixture's own reset, which knows nothing of call_events): no call events and no
 * faults left by the previous test.
 */
export function resetCallEvents(fixture: PostgresFixture): void {
  beforeEach(async () => {
    await clearFaults(fixture);
    await fixture.sql('TRUNCATE call_events');
  });
}

/** Rows in a table of the fixture's database. */
export async function countRows(fixture: PostgresFixture, table: FaultTable): Promise<number> {
  return (await fixture.sql(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
}
