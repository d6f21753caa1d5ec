import type { StoredOutboxMessage } from './outbox-message';

export interface OutboxBacklog {
  /** Messages not yet delivered (pending, including those waiting for a retry). */
  count: number;
  /** Age of the oldest of them, or null when there are none. */
  oldestAgeMs: number | null;
  /** Messages the backend refused: parked for staff, never retried. */
  rejected: number;
}

/**
 * Durable storage of outbox messages, shared by every relay of the deployment. Messages are written by the
 * stores that change local state (DurableCallLog, PendingBookingStore), in the same transaction.
 *
 * Claiming takes a lease: a claimed message is invisible to other relays until the lease expires, so a relay
 * that crashed mid-delivery loses nothing (another takes the message over when the lease ends). Results are
 * recorded only by the lease owner: a relay whose lease was taken over must not overwrite the new owner's
 * result, and learns so from a `false` return.
 */
export interface OutboxStore {
  /**
   * Leases up to `limit` pending messages due at `now` (next attempt due and no live lease), oldest first,
   * to `workerId` until `now + leaseMs`, and counts an attempt on each.
   */
  claimDue(workerId: string, now: Date, limit: number, leaseMs: number): Promise<StoredOutboxMessage[]>;
  /** The backend accepted the message. False when `workerId` no longer holds its lease (nothing changed). */
  markDelivered(id: string, workerId: string, at: Date): Promise<boolean>;
  /** A transient failure: try again from `nextAttemptAt`, releasing the lease. `reason` is a short code. */
  scheduleRetry(id: string, workerId: string, nextAttemptAt: Date, reason: string): Promise<boolean>;
  /** A permanent refusal (4xx): parked for staff, never retried. `reason` is a short code. */
  markRejected(id: string, workerId: string, reason: string, at: Date): Promise<boolean>;
  backlog(now: Date): Promise<OutboxBacklog>;
}
