import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { NewOutboxMessage } from '@crowndesk/domain';
import { assertValidOutboxMessage } from '@crowndesk/domain';

export type OutboxWrite = { id: string; inserted: boolean };

/**
 * Adds a message to the outbox on `client`, which must be inside the transaction that changes the local
 * state the message reports. A key already in the outbox is the same message: nothing is added and the
 * existing message's id is returned (after checking it is of the same topic). A concurrent writer of the
 * same key makes this wait for its commit, then see its row.
 */
export async function writeOutboxMessage(
  client: PoolClient,
  message: NewOutboxMessage,
  now: Date,
  id: string = newOutboxId(),
): Promise<OutboxWrite> {
  assertValidOutboxMessage(message);
  const inserted = await client.query(
    `INSERT INTO outbox_messages (id, practice_id, topic, idempotency_key, payload, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [id, message.practiceId, message.topic, message.idempotencyKey, JSON.stringify(message.payload), now],
  );
  if (inserted.rowCount === 1) return { id, inserted: true };
  const existing = await client.query<{ id: string; topic: string }>(
    'SELECT id, topic FROM outbox_messages WHERE idempotency_key = $1',
    [message.idempotencyKey],
  );
  const row = existing.rows[0];
  if (!row || row.topic !== message.topic) {
    throw new Error(`Outbox key of a ${message.topic} message is already used by a ${row?.topic ?? 'vanished'} message`);
  }
  return { id: row.id, inserted: false };
}

/** "obx_<uuid>": opaque, collision-free across machines, and says what it names in a log. */
export function newOutboxId(): string {
  return `obx_${randomUUID()}`;
}
