import type Database from 'better-sqlite3';
import type { CallLog, CallRecord } from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { toUtcInstant } from '../database/utc-instant';
import { parseInput } from '../parse-input';
import { appointmentIdsSchema, callChannelSchema, callOutcomeSchema, callRecordSchema, transcriptSchema } from './call-record-schema';

/** A call_records row, as read back (shared with the call-event inbox, which merges into the same table). */
export interface CallRow {
  call_id: string;
  practice_id: string;
  channel: string;
  caller_number: string | null;
  started_at: string;
  ended_at: string;
  outcome: string;
  summary: string | null;
  transcript: string;
  appointment_ids: string;
}

/**
 * CallLog over the embedded database. A call is recorded once: vendors deliver "call ended" more than once,
 * so a second record for the same call id is ignored (first write wins).
 */
export class SqliteCallLog implements CallLog {
  private readonly insertStatement: Database.Statement<[Record<string, string | null>]>;
  private readonly findStatement: Database.Statement<[string], CallRow>;
  private readonly countStatement: Database.Statement<[], number>;

  constructor(private readonly database: EmbeddedDatabase) {
    const { handle } = database;
    this.insertStatement = handle.prepare(
      `INSERT INTO call_records (call_id, practice_id, channel, caller_number, started_at, ended_at, outcome, summary,
         transcript, appointment_ids, recorded_at)
       VALUES (@callId, @practiceId, @channel, @callerNumber, @startedAt, @endedAt, @outcome, @summary,
         @transcript, @appointmentIds, @recordedAt)
       ON CONFLICT (call_id) DO NOTHING`,
    );
    this.findStatement = handle.prepare(
      `SELECT call_id, practice_id, channel, caller_number, started_at, ended_at, outcome, summary, transcript, appointment_ids
       FROM call_records WHERE call_id = ?`,
    );
    this.countStatement = handle.prepare<[], number>('SELECT count(*) FROM call_records').pluck();
  }

  async record(call: CallRecord): Promise<void> {
    const record = parseInput(callRecordSchema, call, 'call record');
    let inserted: boolean;
    try {
      inserted = this.insertStatement.run(callRowParams(record, this.database.now())).changes === 1;
    } catch (error) {
      throw new Error(`Could not record call ${record.callId}`, { cause: error });
    }
    const fields = {
      callId: record.callId,
      practiceId: record.practiceId,
      channel: record.channel,
      outcome: record.outcome,
      utterances: record.transcript.length,
      appointments: record.appointmentIds.length,
    };
    if (inserted) this.database.logger.info(fields, 'call recorded');
    else this.database.logger.info(fields, 'call already recorded: duplicate ignored');
  }

  /** The recorded call, for operations and tests (contains PHI: do not log it). */
  findCall(callId: string): CallRecord | null {
    const row = this.findStatement.get(callId);
    return row ? callFromRow(row) : null;
  }

  countCalls(): number {
    return this.countStatement.get() ?? 0;
  }
}

/** Named parameters of a call_records row (@callId, ..., @recordedAt) for a validated record. */
export function callRowParams(record: CallRecord, recordedAt: Date): Record<string, string | null> {
  return {
    callId: record.callId,
    practiceId: record.practiceId,
    channel: record.channel,
    callerNumber: record.callerNumber ?? null,
    startedAt: toUtcInstant(record.startedAt),
    endedAt: toUtcInstant(record.endedAt),
    outcome: record.outcome,
    summary: record.summary ?? null,
    transcript: JSON.stringify(record.transcript),
    appointmentIds: JSON.stringify(record.appointmentIds),
    recordedAt: toUtcInstant(recordedAt),
  };
}

export function callFromRow(row: CallRow): CallRecord {
  const call: CallRecord = {
    callId: row.call_id,
    practiceId: row.practice_id,
    channel: callChannelSchema.parse(row.channel),
    startedAt: row.started_at,
    endedAt: row.ended_at,
    transcript: transcriptSchema.parse(JSON.parse(row.transcript)),
    outcome: callOutcomeSchema.parse(row.outcome),
    appointmentIds: appointmentIdsSchema.parse(JSON.parse(row.appointment_ids)),
  };
  if (row.caller_number !== null) call.callerNumber = row.caller_number;
  if (row.summary !== null) call.summary = row.summary;
  return call;
}
