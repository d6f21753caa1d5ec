import type { CallBooking, PendingBooking } from '../outbox';
import { assertValidOutboxMessage, queuedBookingMessage } from '../outbox';
import type { PendingBookingWrites } from './booking-queue';

/**
 * The part of the PendingBookingStore port the front desk uses, over a Map, for the domain's tests: idempotent on
 * the booking's key, and it checks each queued booking's outbox message as the real stores do. Can be told to
 * fail. (The SQLite and PostgreSQL stores have their own tests in their adapters.)
 */
export class KeptPendingBookings implements PendingBookingWrites {
  /** Every booking kept, in order: one per key. */
  readonly queued: PendingBooking[] = [];
  private readonly kept = new Map<string, CallBooking>();
  private failure: Error | undefined;

  /** The next queue() throws, keeping nothing (its transaction rolled back). */
  failNextQueue(error: Error): void {
    this.failure = error;
  }

  async queue(booking: PendingBooking): Promise<void> {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure;
    assertValidOutboxMessage(queuedBookingMessage(booking));
    const key = keyOf(booking.practiceId, booking.idempotencyKey);
    if (this.kept.has(key)) return;
    this.queued.push(booking);
    this.kept.set(key, {
      practiceId: booking.practiceId,
      callId: booking.callId,
      patientId: booking.patientId,
      slot: booking.slot,
      idempotencyKey: booking.idempotencyKey,
      kind: 'queued',
      appointmentId: null,
      delivery: { status: 'pending', attempts: 0, lastError: null },
    });
  }

  async find(practiceId: string, idempotencyKey: string): Promise<CallBooking | null> {
    return this.kept.get(keyOf(practiceId, idempotencyKey)) ?? null;
  }
}

function keyOf(practiceId: string, idempotencyKey: string): string {
  return `${practiceId}\u0000${idempotencyKey}`;
}
