import type { OutboxBacklog, OutboxStore, StoredOutboxMessage } from '@crowndesk/domain';
import type { PostgresDatabase } from '../database/postgres-database';
import { OUTBOX_COLUMNS, type OutboxRow, storedMessageFromRow } from './outbox-rows';

/*
 * Claiming, safe with any number of relays on any number of machines: the inner SELECT locks the due rows it
 * picks and SKIPs rows another claimer has locked, and the UPDATE leases them before the locks go. A claimer
 * that waited on a row re-checks it after the other's commit and finds it leased. The candidates are a CTE:
 * PostgreSQL never inlines a query with FOR UPDATE, so they are picked exactly once.
 */
const CLAIM = `
  WITH due AS (
    SELECT id FROM outbox_messages
     WHERE status = 'pending' AND next_attempt_at <= $2
       AND (lease_expires_at IS NULL OR lease_expires_at < $2)
     ORDER BY created_at, id
     LIMIT $4
       FOR UPDATE SKIP LOCKED)
  UPDATE outbox_messages AS m
     SET lease_owner = $1, lease_expires_at = $3, attempts = m.attempts + 1
    FROM due
   WHERE m.id = due.id
  RETURNING ${OUTBOX_COLUMNS.split(', ').map((column) => `m.${column}`).join(', ')}`;

/** Results count only while the caller still owns the lease: a relay that lost it overwrites nothing. */
const settle = (set: string) => `
  UPDATE outbox_messages SET ${set}, lease_owner = NULL, lease_expires_at = NULL
   WHERE id = $1 AND status = 'pending' AND lease_owner = $2`;

const MARK_DELIVERED = settle(`status = 'delivered', delivered_at = $3`);
const SCHEDULE_RETRY = settle(`next_attempt_at = $3, last_error = $4`);
const MARK_REJECTED = settle(`status = 'rejected', rejected_at = $3, last_error = $4`);

const BACKLOG = `
  SELECT count(*) FILTER (WHERE status = 'pending')::int  AS pending,
         min(created_at) FILTER (WHERE status = 'pending') AS oldest,
         count(*) FILTER (WHERE status = 'rejected')::int AS rejected
    FROM outbox_messages
   WHERE status IN ('pending', 'rejected')`;

/** The outbox in the shared PostgreSQL database: leased claims with FOR UPDATE SKIP LOCKED. */
export class PostgresOutboxStore implements OutboxStore {
  constructor(private readonly database: PostgresDatabase) {}

  async claimDue(workerId: string, now: Date, limit: number, leaseMs: number): Promise<StoredOutboxMessage[]> {
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    const result = await this.database.pool.query<OutboxRow>(CLAIM, [workerId, now, leaseExpiresAt, limit]);
    // RETURNING does not promise an order.
    const rows = [...result.rows].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
    return rows.map(storedMessageFromRow);
  }

  async markDelivered(id: string, workerId: string, at: Date): Promise<boolean> {
    return (await this.database.pool.query(MARK_DELIVERED, [id, workerId, at])).rowCount === 1;
  }

  async scheduleRetry(id: string, workerId: string, nextAttemptAt: Date, reason: string): Promise<boolean> {
    return (await this.database.pool.query(SCHEDULE_RETRY, [id, workerId, nextAttemptAt, reason])).rowCount === 1;
  }

  async markRejected(id: string, workerId: string, reason: string, at: Date): Promise<boolean> {
    return (await this.database.pool.query(MARK_REJECTED, [id, workerId, at, reason])).rowCount === 1;
  }

  async backlog(now: Date): Promise<OutboxBacklog> {
    const result = await this.database.pool.query<{ pending: number; oldest: Date | null; rejected: number }>(BACKLOG);
    const row = result.rows[0] ?? { pending: 0, oldest: null, rejected: 0 };
    return {
      count: row.pending,
      oldestAgeMs: row.oldest === null ? null : Math.max(0, now.getTime() - row.oldest.getTime()),
      rejected: row.rejected,
    };
  }
}
