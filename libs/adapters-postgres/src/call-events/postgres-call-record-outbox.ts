import type { PoolClient } from 'pg';
import { assertValidOutboxMessage, type CallRecord, callRecordMessage } from '@crowndesk/domain';
import type { PostgresDatabase } from '../database/postgres-database';
import type { OutboxWriteOptions } from '../outbox/outbox-write-options';
import { newOutboxId } from '../outbox/outbox-writer';
import type { AfterCommit } from './postgres-call-event-inbox';

/** What queueing a record did to the call's message. */
export type CallRecordQueueing = 'inserted' | 'refreshed' | 'unchanged';

/*
 * Adds the call's message, or replaces the payload of the one already queued while it is still pending, even if a
 * relay holds it: an attempt in flight sends the version it read, and should it fail, the retry carries the
 * fuller one. A delivered or parked message keeps the version it has. ON CONFLICT DO UPDATE locks the row and
 * checks the WHERE against its latest committed version, so a relay marking it delivered at the same moment is
 * either before us (we leave it) or after us (its retry sends ours).
 */
const QUEUE_LATEST = `
  INSERT INTO outbox_messages (id, practice_id, topic, idempotency_key, payload, next_attempt_at, created_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6)
  ON CONFLICT (idempotency_key) DO UPDATE SET payload = excluded.payload
   WHERE outbox_messages.status = 'pending'
     AND outbox_messages.topic = excluded.topic AND outbox_messages.payload IS DISTINCT FROM excluded.payload
  RETURNING id`;

/**
 * Queues the call records the call-event inbox merges (our conversation's finish, Retell's call_started /
 * call_ended / call_analyzed, ElevenLabs' post-call record) for the practice's backend, inside the inbox's own
 * transaction:
 *
 *   const queue = new PostgresCallRecordOutbox(database, { onQueued: () => relay.wake() });
 *   new PostgresCallEventInbox(database, { onMerged: (client, { record, now }) => queue.queue(client, record, now) });
 *
 * One message per call (`call-record:<callId>`). A later merge refreshes the queued record while it waits (also
 * between a failed attempt and its retry), so the backend gets the fullest record there is when a relay takes it;
 * once a relay holds it, or it is delivered, the version it has stands (the backend records a call once, under
 * its key), as in the SQLite outbox.
 */
export class PostgresCallRecordOutbox {
  constructor(
    private readonly database: PostgresDatabase,
    private readonly options: Pick<OutboxWriteOptions, 'onQueued'> = {},
  ) {}

  /**
   * Call only on the client of the transaction that wrote `record` (a failure rejects, and so rolls that back).
   * Resolves to the wake-up to run after its COMMIT when the message was added or refreshed.
   */
  async queue(client: PoolClient, record: CallRecord, now: Date): Promise<AfterCommit | undefined> {
    const result = await this.write(client, record, now);
    if (result === 'unchanged') return undefined;
    this.database.logger.debug({ callId: record.callId, practiceId: record.practiceId, result }, 'call record queued for the backend');
    return this.options.onQueued;
  }

  private async write(client: PoolClient, record: CallRecord, now: Date): Promise<CallRecordQueueing> {
    const message = callRecordMessage(record);
    assertValidOutboxMessage(message);
    const id = newOutboxId();
    const result = await client.query<{ id: string }>(QUEUE_LATEST, [
      id,
      message.practiceId,
      message.topic,
      message.idempotencyKey,
      JSON.stringify(message.payload),
      now,
    ]);
    const row = result.rows[0];
    if (!row) return 'unchanged';
    return row.id === id ? 'inserted' : 'refreshed';
  }
}
