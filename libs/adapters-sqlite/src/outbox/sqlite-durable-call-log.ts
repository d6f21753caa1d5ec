import type Database from 'better-sqlite3';
import type { CallRecord, DurableCallLog, OutboxDeliveryState } from '@crowndesk/domain';
import { callRecordKey, callRecordMessage } from '@crowndesk/domain';
import { callRecordSchema } from '../call-log/call-record-schema';
import { callRowParams } from '../call-log/sqlite-call-log';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { parseInput } from '../parse-input';
import { type DeliveryStateRow, deliveryStateFromRow } from './outbox-rows';
import { OutboxWriter } from './outbox-writer';

export interface OutboxWriteOptions {
  /** Called after a commit that added a message: typically `() => relay.wake()`, to deliver at once. */
  onQueued?: () => void;
}

/**
 * The call log for deployments with a remote backend: one transaction writes the call record and the
 * `call.record` outbox message, so a call that ended is never lost, whatever crashes next. Recording the
 * same call id twice keeps the first record and one message.
 */
export class SqliteDurableCallLog implements DurableCallLog {
  private readonly recordCall: (call: CallRecord) => { recorded: boolean; queued: boolean };
  private readonly deliveryStatement: Database.Statement<[string], DeliveryStateRow>;

  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly options: OutboxWriteOptions = {},
  ) {
    const { handle } = database;
    const outbox = new OutboxWriter(handle);
    const insertCall = handle.prepare<[Record<string, string | null>]>(
      `INSERT INTO call_records (call_id, practice_id, channel, caller_number, started_at, ended_at, outcome, summary,
         transcript, appointment_ids, recorded_at)
       VALUES (@callId, @practiceId, @channel, @callerNumber, @startedAt, @endedAt, @outcome, @summary,
         @transcript, @appointmentIds, @recordedAt)
       ON CONFLICT (call_id) DO NOTHING`,
    );
    this.recordCall = handle.transaction((call: CallRecord) => {
      const now = database.now();
      const recorded = insertCall.run(callRowParams(call, now)).changes === 1;
      const queued = outbox.write(callRecordMessage(call), now).inserted;
      return { recorded, queued };
    }).immediate;
    this.deliveryStatement = handle.prepare(
      'SELECT status, attempts, last_error FROM outbox_messages WHERE idempotency_key = ?',
    );
  }

  async record(call: CallRecord): Promise<void> {
    const record: CallRecord = parseInput(callRecordSchema, call, 'call record');
    let result: { recorded: boolean; queued: boolean };
    try {
      result = this.recordCall(record);
    } catch (error) {
      throw new Error(`Could not record call ${record.callId}`, { cause: error });
    }
    const fields = { callId: record.callId, practiceId: record.practiceId, outcome: record.outcome, ...result };
    if (result.queued) {
      this.database.logger.info(fields, 'call recorded and queued for the backend');
      this.options.onQueued?.();
    } else {
      this.database.logger.info(fields, 'call already recorded: duplicate ignored');
    }
  }

  async deliveryOf(callId: string): Promise<OutboxDeliveryState | null> {
    const row = this.deliveryStatement.get(callRecordKey(callId));
    return row ? deliveryStateFromRow(row) : null;
  }
}
