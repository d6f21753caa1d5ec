import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { NewOutboxMessage } from '@crowndesk/domain';
import { assertValidOutboxMessage } from '@crowndesk/domain';
import { toUtcInstant } from '../database/utc-instant';

export type OutboxWrite = { id: string; inserted: boolean };
export type OutboxRefresh = 'inserted' | 'refreshed' | 'unchanged';

/**
 * Adds messages to the outbox. Call it only inside the transaction that changes the local state the message
 * reports: that is the whole point. A key already in the outbox is the same message: nothing is added and
 * the existing message's id is returned (after checking it is of the same topic).
 */
export class OutboxWriter {
  private readonly insertStatement: Database.Statement<[Record<string, string>]>;
  private readonly byKeyStatement: Database.Statement<[string], { id: string; topic: string }>;
  private readonly upsertStatement: Database.Statement<[Record<string, string>], { id: string }>;

  constructor(handle: Database.Database) {
    this.insertStatement = handle.prepare(
      `INSERT INTO outbox_messages (id, practice_id, topic, idempotency_key, payload, next_attempt_at, created_at)
       VALUES (@id, @practiceId, @topic, @idempotencyKey, @payload, @now, @now)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    );
    this.byKeyStatement = handle.prepare('SELECT id, topic FROM outbox_messages WHERE idempotency_key = ?');
    // A newer version of a message replaces the payload while it is still pending, even if a relay holds it: an
    // attempt in flight sends the version it read, and should it fail, the retry carries the fuller one. Once
    // delivered (or parked) the message keeps its version.
    this.upsertStatement = handle.prepare(
      `INSERT INTO outbox_messages (id, practice_id, topic, idempotency_key, payload, next_attempt_at, created_at)
       VALUES (@id, @practiceId, @topic, @idempotencyKey, @payload, @now, @now)
       ON CONFLICT (idempotency_key) DO UPDATE SET payload = excluded.payload
        WHERE outbox_messages.status = 'pending'
          AND outbox_messages.topic = excluded.topic AND outbox_messages.payload IS NOT excluded.payload
       RETURNING id`,
    );
  }

  /** `id` may be chosen beforehand, e.g. for a row that references the message (deferred foreign key). */
  write(message: NewOutboxMessage, now: Date, id: string = newOutboxId()): OutboxWrite {
    assertValidOutboxMessage(message);
    const inserted =
      this.insertStatement.run({
        id,
        practiceId: message.practiceId,
        topic: message.topic,
        idempotencyKey: message.idempotencyKey,
        payload: JSON.stringify(message.payload),
        now: toUtcInstant(now),
      }).changes === 1;
    if (inserted) return { id, inserted };
    const existing = this.byKeyStatement.get(message.idempotencyKey);
    if (!existing || existing.topic !== message.topic) {
      throw new Error(`Outbox key of a ${message.topic} message is already used by a ${existing?.topic ?? 'vanished'} message`);
    }
    return { id: existing.id, inserted: false };
  }

  /**
   * Adds the message, or, when its key is already queued, not yet delivered and not claimed by a relay, replaces
   * the queued payload with this newer one (e.g. a call record merged from a later webhook). Once a relay holds
   * it, or it is delivered, the first version stands: the backend applies a key once.
   */
  writeLatest(message: NewOutboxMessage, now: Date): OutboxRefresh {
    assertValidOutboxMessage(message);
    const id = newOutboxId();
    const row = this.upsertStatement.get({
      id,
      practiceId: message.practiceId,
      topic: message.topic,
      idempotencyKey: message.idempotencyKey,
      payload: JSON.stringify(message.payload),
      now: toUtcInstant(now),
    });
    if (!row) return 'unchanged';
    return row.id === id ? 'inserted' : 'refreshed';
  }
}

/** "obx_<uuid>": opaque, collision-free across processes and machines, and says what it names in a log. */
export function newOutboxId(): string {
  return `obx_${randomUUID()}`;
}
