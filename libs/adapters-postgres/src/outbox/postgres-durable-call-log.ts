import type { CallRecord, DurableCallLog, OutboxDeliveryState } from '@crowndesk/domain';
import { assertValidOutboxMessage, callRecordKey, callRecordMessage } from '@crowndesk/domain';
import type { PostgresDatabase } from '../database/postgres-database';
import { type DeliveryStateRow, deliveryStateFromRow } from './outbox-rows';
import { type OutboxWriteOptions, systemClock } from './outbox-write-options';
import { writeOutboxMessage } from './outbox-writer';

/**
 * The call log of a multi-machine deployment: one transaction writes the call record and the `call.record`
 * outbox message, so a call that ended is never lost, whatever crashes next. Recording the same call id twice
 * (on any machine, even at the same moment) keeps the first record and one message.
 */
export class PostgresDurableCallLog implements DurableCallLog {
  constructor(
    private readonly database: PostgresDatabase,
    private readonly options: OutboxWriteOptions = {},
  ) {}

  async record(call: CallRecord): Promise<void> {
    const message = callRecordMessage(call);
    assertValidOutboxMessage(message); // the whole call, at the edge, before anything is written
    const now = (this.options.clock ?? systemClock).now();
    let result: { recorded: boolean; queued: boolean };
    try {
      result = await this.database.transaction(async (client) => {
        const inserted = await client.query(
          `INSERT INTO call_records (call_id, practice_id, channel, caller_number, started_at, ended_at, outcome, summary,
             transcript, appointment_ids, recorded_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11)
           ON CONFLICT (call_id) DO NOTHING`,
          [
            call.callId,
            call.practiceId,
            call.channel,
            call.callerNumber ?? null,
            call.startedAt,
            call.endedAt,
            call.outcome,
            call.summary ?? null,
            JSON.stringify(call.transcript),
            JSON.stringify(call.appointmentIds),
            now,
          ],
        );
        const written = await writeOutboxMessage(client, message, now);
        return { recorded: inserted.rowCount === 1, queued: written.inserted };
      });
    } catch (error) {
      throw new Error(`Could not record call ${call.callId}`, { cause: error });
    }
    const fields = { callId: call.callId, practiceId: call.practiceId, outcome: call.outcome, ...result };
    if (result.queued) {
      this.database.logger.info(fields, 'call recorded and queued for the backend');
      this.options.onQueued?.();
    } else {
      this.database.logger.info(fields, 'call already recorded: duplicate ignored');
    }
  }

  async deliveryOf(callId: string): Promise<OutboxDeliveryState | null> {
    const result = await this.database.pool.query<DeliveryStateRow>(
      'SELECT status, attempts, last_error FROM outbox_messages WHERE idempotency_key = $1',
      [callRecordKey(callId)],
    );
    const row = result.rows[0];
    return row ? deliveryStateFromRow(row) : null;
  }
}
