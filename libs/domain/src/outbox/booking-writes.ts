import type { Slot } from '../model';
import type { NewOutboxMessage } from './outbox-message';
import { bookingConfirmationMessage, queuedBookingMessage } from './new-messages';
import type { ConfirmedBooking, PendingBooking } from './pending-bookings';

/**
 * What a PendingBookingStore writes in one transaction for a booking made on a call: the booking row and the
 * outbox message that carries it to the backend. Every database adapter stores exactly this.
 */
export interface CallBookingWrite {
  practiceId: string;
  idempotencyKey: string;
  kind: 'queued' | 'confirmed';
  callId: string;
  patientId: string;
  slot: Slot;
  appointmentId: string | null;
  message: NewOutboxMessage;
}

/** A booking the backend could not take in time: kept, to be created later under the same key. */
export function queuedBookingWrite(booking: PendingBooking): CallBookingWrite {
  return {
    practiceId: booking.practiceId,
    idempotencyKey: booking.idempotencyKey,
    kind: 'queued',
    callId: booking.callId,
    patientId: booking.patientId,
    slot: booking.slot,
    appointmentId: null,
    message: queuedBookingMessage(booking),
  };
}

/** A booking the backend took during the call, kept with its confirmation message. */
export function confirmedBookingWrite(booking: ConfirmedBooking): CallBookingWrite {
  const { id, practiceId, patientId, typeCode, providerId, operatoryId, start, end } = booking.appointment;
  return {
    practiceId,
    idempotencyKey: booking.idempotencyKey,
    kind: 'confirmed',
    callId: booking.callId,
    patientId,
    slot: { typeCode, providerId, operatoryId, start, end },
    appointmentId: id,
    message: bookingConfirmationMessage(booking),
  };
}
