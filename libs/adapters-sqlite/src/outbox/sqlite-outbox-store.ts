import type Database from 'better-sqlite3';
import type { OutboxBacklog, OutboxStore, StoredOutboxMessage } from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { toUtcInstant } from '../database/utc-instant';
import { type OutboxRow, storedMessageFromRow } from './outbox-rows';

type Settle = Database.Statement<[Record<string, string>]>;

/**
 * The outbox in the embedded database. Claims run in a BEGIN IMMEDIATE transaction, which takes the file's
 * write lock before reading, so two connections (or two processes on one file) never claim the same message.
 * Results are recorded only while the caller still owns the message's lease.
 */
export class SqliteOutboxStore implements OutboxStore {
  private readonly claim: (params: Record<string, string | number>) => OutboxRow[];
  private readonly delivered: Settle;
  private readonly retry: Settle;
  private readonly rejected: Settle;
  private readonly pendingStatement: Database.Statement<[], { count: number; oldest: string | null }>;
  private readonly rejectedCountStatement: Database.Statement<[], number>;

  constructor(database: EmbeddedDatabase) {
    const { handle } = database;
    const claimStatement = handle.prepare<[Record<string, string | number>], OutboxRow>(
      `UPDATE outbox_messages
          SET lease_owner = @workerId, lease_expires_at = @leaseExpiresAt, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox_messages
           WHERE status = 'pending' AND next_attempt_at <= @now
             AND (lease_expires_at IS NULL OR lease_expires_at < @now)
           ORDER BY created_at, id
           LIMIT @limit)
       RETURNING id, practice_id, topic, idempotency_key, payload, attempts, created_at`,
    );
    this.claim = handle.transaction((params: Record<string, string | number>) => claimStatement.all(params)).immediate;
    const settle = (set: string) =>
      handle.prepare<[Record<string, string>]>(
        `UPDATE outbox_messages SET ${set}, lease_owner = NULL, lease_expires_at = NULL
          WHERE id = @id AND status = 'pending' AND lease_owner = @workerId`,
      );
    this.delivered = settle(`status = 'delivered', delivered_at = @at`);
    this.retry = settle(`next_attempt_at = @nextAttemptAt, last_error = @reason`);
    this.rejected = settle(`status = 'rejected', rejected_at = @at, last_error = @reason`);
    this.pendingStatement = handle.prepare(
      `SELECT count(*) AS count, min(created_at) AS oldest FROM outbox_messages WHERE status = 'pending'`,
    );
    this.rejectedCountStatement = handle
      .prepare<[], number>(`SELECT count(*) FROM outbox_messages WHERE status = 'rejected'`)
      .pluck();
  }

  async claimDue(workerId: string, now: Date, limit: number, leaseMs: number): Promise<StoredOutboxMessage[]> {
    const rows = this.claim({
      workerId,
      now: toUtcInstant(now),
      leaseExpiresAt: toUtcInstant(new Date(now.getTime() + leaseMs)),
      limit,
    });
    // RETURNING does not promise an order.
    rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
    return rows.map(storedMessageFromRow);
  }

  async markDelivered(id: string, workerId: string, at: Date): Promise<boolean> {
    return this.delivered.run({ id, workerId, at: toUtcInstant(at) }).changes === 1;
  }

  async scheduleRetry(id: string, workerId: string, nextAttemptAt: Date, reason: string): Promise<boolean> {
    return this.retry.run({ id, workerId, nextAttemptAt: toUtcInstant(nextAttemptAt), reason }).changes === 1;
  }

  async markRejected(id: string, workerId: string, reason: string, at: Date): Promise<boolean> {
    return this.rejected.run({ id, workerId, reason, at: toUtcInstant(at) }).changes === 1;
  }

  async backlog(now: Date): Promise<OutboxBacklog> {
    const pending = this.pendingStatement.get() ?? { count: 0, oldest: null };
    return {
      count: pending.count,
      oldestAgeMs: pending.oldest === null ? null : Math.max(0, now.getTime() - Date.parse(pending.oldest)),
      rejected: this.rejectedCountStatement.get() ?? 0,
    };
  }
}
