import type { Patient, Slot } from '../model';
import type { SchedulingBackendUnavailableError } from '../outbox/backend-unavailable';
import { isSchedulingBackendUnavailable } from '../outbox/backend-unavailable';
import type { PendingBookingStore } from '../outbox/pending-bookings';
import type { Clock, Logger } from '../ports';
import type { CallSession } from '../receptionist/call-session';
import { recordOutcome } from './appointment-refs';
import type { BookingPending } from './front-desk-results';

/** What the front desk needs of the PendingBookingStore: a PendingBookingStore is one. */
export type PendingBookingWrites = Pick<PendingBookingStore, 'queue' | 'find'>;

/** Where the backend failed the booking: at the write itself, or already at the slot check before it. */
export type QueuedAt = 'book' | 'slot_check';

export interface BookingToQueue {
  patient: Patient;
  slot: Slot;
  /** The key of the live attempt (or of the one the call would have made): the relay books under it. */
  idempotencyKey: string;
  newPatient: boolean;
}

/**
 * Whether a failed backend call may be replaced by queueing the booking: only "unavailable now, safe to replay
 * with its key" (timeout, connection, 5xx), never a refusal; and never for a superseded turn, which must not
 * act (the model is asked again with what the caller said since).
 */
export function queueableFailure(error: unknown, signal: AbortSignal | undefined): error is SchedulingBackendUnavailableError {
  return isSchedulingBackendUnavailable(error) && !signal?.aborted;
}

/**
 * Keeps a booking the caller agreed to when the practice's backend cannot take it during the call: the caller
 * does not wait on a hung backend, and nothing they agreed to is lost. The booking and its outbox message are
 * written together (`PendingBookingStore.queue`); the relay creates it later under the same key, so a live
 * write that did happen is found again rather than made twice, and the office confirms it with the caller.
 */
export class BookingQueue {
  constructor(
    private readonly store: PendingBookingWrites,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async queue(
    session: CallSession,
    booking: BookingToQueue,
    failure: { at: QueuedAt; cause: SchedulingBackendUnavailableError },
    signal?: AbortSignal,
  ): Promise<BookingPending> {
    const practiceId = session.practice.id;
    const fields = {
      callId: session.callId,
      practiceId,
      patientId: booking.patient.id,
      typeCode: booking.slot.typeCode,
      at: failure.at,
      reason: failure.cause.reason,
    };
    // The turn may have been superseded while the patient was looked up: it must not act.
    signal?.throwIfAborted();
    // A re-asked booking finds the one it queued: it is kept and counted once.
    const queued = await this.store.find(practiceId, booking.idempotencyKey);
    if (queued) {
      this.logger.info(fields, 'booking already queued');
      return pending(booking);
    }
    try {
      await this.store.queue({
        practiceId,
        callId: session.callId,
        patientId: booking.patient.id,
        slot: booking.slot,
        idempotencyKey: booking.idempotencyKey,
        requestedAt: this.clock.now().toISOString(),
      });
    } catch (error) {
      throw new Error(`Could not queue the booking of call ${session.callId} after the backend was unavailable`, { cause: error });
    }
    // The caller agreed to it: the call record shows a booking (its appointment id comes with delivery).
    recordOutcome(session, 'booked', []);
    this.logger.warn(fields, 'booking queued: scheduling backend unavailable');
    return pending(booking);
  }
}

function pending(booking: BookingToQueue): BookingPending {
  return { status: 'pending', slot: booking.slot, newPatient: booking.newPatient };
}
