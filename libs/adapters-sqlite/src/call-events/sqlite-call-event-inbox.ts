import type Database from 'better-sqlite3';
import {
  type CallEvent,
  type CallEventAcceptance,
  type CallEventInbox,
  type CallEventSource,
  CallPracticeMismatchError,
  type CallRecord,
  mergeCallFacts,
} from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { toUtcInstant } from '../database/utc-instant';
import { parseInput } from '../parse-input';
import { callRecordSchema } from '../call-log/call-record-schema';
import { type CallRow, callFromRow, callRowParams } from '../call-log/sqlite-call-log';
import { callEventSchema } from './call-event-schema';

/** An event the inbox has taken, for operations and tests. */
export interface ReceivedCallEvent {
  source: CallEventSource;
  event: string;
  receivedAt: string;
}

export interface SqliteCallEventInboxOptions {
  /**
   * Runs inside the inbox's transaction after each accepted event's record is written (not for a replay),
   * on the same connection: e.g. queue the merged record in the outbox, atomically with it. Throwing rolls
   * back the event mark and the record.
   */
  onMerged?: (record: CallRecord, event: CallEvent, now: Date) => void;
}

interface CallEventRow {
  source: CallEventSource;
  event: string;
  received_at: string;
}

type Outcome = { acceptance: 'accepted'; record: CallRecord } | { acceptance: 'duplicate' };

/**
 * CallEventInbox over the embedded database. In one BEGIN IMMEDIATE transaction (the write lock, so two
 * processes on one file never merge from the same stale record): mark `(source, call_id, event)` in
 * `call_events`; if it was already there, stop (a replay); else read the call's record, merge the event into
 * it (`mergeCallFacts`) and upsert it into `call_records`, the table `SqliteCallLog` reads. Any failure rolls
 * back both the mark and the record, so the sender's retry gets a clean second chance.
 */
export class SqliteCallEventInbox implements CallEventInbox {
  private readonly markStatement: Database.Statement<[Record<string, string>]>;
  private readonly findCallStatement: Database.Statement<[string], CallRow>;
  private readonly upsertCallStatement: Database.Statement<[Record<string, string | null>]>;
  private readonly eventsStatement: Database.Statement<[string], CallEventRow>;
  private readonly acceptOnce: Database.Transaction<(event: CallEvent) => Outcome>;

  constructor(
    private readonly database: EmbeddedDatabase,
    options: SqliteCallEventInboxOptions = {},
  ) {
    const { handle } = database;
    this.markStatement = handle.prepare(
      `INSERT INTO call_events (source, call_id, event, practice_id, received_at)
       VALUES (@source, @callId, @event, @practiceId, @receivedAt)
       ON CONFLICT (source, call_id, event) DO NOTHING`,
    );
    this.findCallStatement = handle.prepare(
      `SELECT call_id, practice_id, channel, caller_number, started_at, ended_at, outcome, summary, transcript, appointment_ids
       FROM call_records WHERE call_id = ?`,
    );
    // recorded_at stays the first recording's time.
    this.upsertCallStatement = handle.prepare(
      `INSERT INTO call_records (call_id, practice_id, channel, caller_number, started_at, ended_at, outcome, summary,
         transcript, appointment_ids, recorded_at)
       VALUES (@callId, @practiceId, @channel, @callerNumber, @startedAt, @endedAt, @outcome, @summary,
         @transcript, @appointmentIds, @recordedAt)
       ON CONFLICT (call_id) DO UPDATE SET
         practice_id = excluded.practice_id, channel = excluded.channel, caller_number = excluded.caller_number,
         started_at = excluded.started_at, ended_at = excluded.ended_at, outcome = excluded.outcome,
         summary = excluded.summary, transcript = excluded.transcript, appointment_ids = excluded.appointment_ids`,
    );
    this.eventsStatement = handle.prepare(
      'SELECT source, event, received_at FROM call_events WHERE call_id = ? ORDER BY received_at, source, event',
    );
    this.acceptOnce = handle.transaction((event: CallEvent): Outcome => {
      const marked =
        this.markStatement.run({
          source: event.source,
          callId: event.callId,
          event: event.event,
          practiceId: event.practiceId,
          receivedAt: toUtcInstant(event.receivedAt),
        }).changes === 1;
      if (!marked) return { acceptance: 'duplicate' };
      const row = this.findCallStatement.get(event.callId);
      const merged = mergeCallFacts(row ? callFromRow(row) : null, event);
      const record = parseInput(callRecordSchema, merged, 'merged call record');
      const now = this.database.now();
      this.upsertCallStatement.run(callRowParams(record, now));
      options.onMerged?.(record, event, now);
      return { acceptance: 'accepted', record };
    });
  }

  async accept(input: CallEvent): Promise<CallEventAcceptance> {
    const event = parseInput(callEventSchema, input, 'call event');
    const ids = { source: event.source, callId: event.callId, event: event.event, practiceId: event.practiceId };
    let outcome: Outcome;
    try {
      outcome = this.acceptOnce.immediate(event);
    } catch (error) {
      // Already says which call and practices, in ids only; callers may act on its type.
      if (error instanceof CallPracticeMismatchError) throw error;
      throw new Error(`Could not accept call event ${event.source}/${event.event} of call ${event.callId}`, { cause: error });
    }
    if (outcome.acceptance === 'duplicate') {
      this.database.logger.info(ids, 'call event already accepted: duplicate ignored');
    } else {
      const { record } = outcome;
      this.database.logger.info(
        { ...ids, outcome: record.outcome, utterances: record.transcript.length, appointments: record.appointmentIds.length },
        'call event accepted',
      );
    }
    return outcome.acceptance;
  }

  /** The events accepted for a call, oldest first (ids and times only: no PHI). */
  receivedEvents(callId: string): ReceivedCallEvent[] {
    return this.eventsStatement
      .all(callId)
      .map((row) => ({ source: row.source, event: row.event, receivedAt: row.received_at }));
  }
}
