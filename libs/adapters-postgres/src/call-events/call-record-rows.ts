import type { PoolClient, Pool } from 'pg';
import type { CallChannel, CallOutcome, CallRecord, Utterance } from '@crowndesk/domain';

/** A call_records row as pg returns it (timestamptz as Date, jsonb parsed). */
interface CallRecordRow {
  call_id: string;
  practice_id: string;
  channel: CallChannel;
  caller_number: string | null;
  started_at: Date;
  ended_at: Date;
  outcome: CallOutcome;
  summary: string | null;
  transcript: Utterance[];
  appointment_ids: string[];
}

const COLUMNS = 'call_id, practice_id, channel, caller_number, started_at, ended_at, outcome, summary, transcript, appointment_ids';

/** The call's record, locked until the transaction ends: no other machine merges into it meanwhile. */
export async function lockCallRecord(client: PoolClient, callId: string): Promise<CallRecord | null> {
  const result = await client.query<CallRecordRow>(`SELECT ${COLUMNS} FROM call_records WHERE call_id = $1 FOR UPDATE`, [callId]);
  const row = result.rows[0];
  return row ? recordFromRow(row) : null;
}

/** The call's record as last committed, or null. */
export async function readCallRecord(pool: Pool, callId: string): Promise<CallRecord | null> {
  const result = await pool.query<CallRecordRow>(`SELECT ${COLUMNS} FROM call_records WHERE call_id = $1`, [callId]);
  const row = result.rows[0];
  return row ? recordFromRow(row) : null;
}

/**
 * Writes the call's first record, unless another transaction wrote one first: then false, and nothing is written.
 * A concurrent first writer makes this wait for its COMMIT (or ROLLBACK, and then this one writes).
 */
export async function insertCallRecordIfAbsent(client: PoolClient, record: CallRecord, recordedAt: Date): Promise<boolean> {
  const inserted = await client.query(
    `INSERT INTO call_records (${COLUMNS}, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
     ON CONFLICT (call_id) DO NOTHING`,
    [...rowValues(record), recordedAt],
  );
  return inserted.rowCount === 1;
}

/** Replaces a locked record's facts with the merged ones. Its practice and recorded_at (the first recording) stay. */
export async function updateCallRecord(client: PoolClient, record: CallRecord): Promise<void> {
  const updated = await client.query(
    `UPDATE call_records
        SET channel = $3, caller_number = $4, started_at = $5, ended_at = $6, outcome = $7, summary = $8,
            transcript = $9::jsonb, appointment_ids = $10::jsonb
      WHERE call_id = $1 AND practice_id = $2`,
    rowValues(record),
  );
  if (updated.rowCount !== 1) throw new Error(`The record of call ${record.callId} vanished while locked`);
}

function rowValues(record: CallRecord): unknown[] {
  return [
    record.callId,
    record.practiceId,
    record.channel,
    record.callerNumber ?? null,
    record.startedAt,
    record.endedAt,
    record.outcome,
    record.summary ?? null,
    JSON.stringify(record.transcript),
    JSON.stringify(record.appointmentIds),
  ];
}

function recordFromRow(row: CallRecordRow): CallRecord {
  return {
    callId: row.call_id,
    practiceId: row.practice_id,
    channel: row.channel,
    ...(row.caller_number !== null ? { callerNumber: row.caller_number } : {}),
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at.toISOString(),
    transcript: row.transcript,
    outcome: row.outcome,
    ...(row.summary !== null ? { summary: row.summary } : {}),
    appointmentIds: row.appointment_ids,
  };
}
