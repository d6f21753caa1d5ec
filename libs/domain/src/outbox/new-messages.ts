import type { CallRecord } from '../model';
import { bookingConfirmationKey, callRecordKey } from './outbox-keys';
import type { NewOutboxMessage } from './outbox-message';
import { OUTBOX_PAYLOAD_SCHEMAS, outboxKeySchema } from './outbox-schemas';
import type { ConfirmedBooking, PendingBooking } from './pending-bookings';

/** The outbox message that records a finished call at the backend. */
export function callRecordMessage(call: CallRecord): NewOutboxMessage {
  return { practiceId: call.practiceId, topic: 'call.record', idempotencyKey: callRecordKey(call.callId), payload: call };
}

/** The outbox message that creates a queued booking later, under the key the call used for it. */
export function queuedBookingMessage(booking: PendingBooking): NewOutboxMessage {
  return {
    practiceId: booking.practiceId,
    topic: 'appointment.book',
    idempotencyKey: booking.idempotencyKey,
    payload: { callId: booking.callId, patientId: booking.patientId, slot: booking.slot, requestedAt: booking.requestedAt },
  };
}

/** The outbox message that confirms, at the backend, a booking it took during the call. */
export function bookingConfirmationMessage(booking: ConfirmedBooking): NewOutboxMessage {
  return {
    practiceId: booking.appointment.practiceId,
    topic: 'appointment.confirm',
    idempotencyKey: bookingConfirmationKey(booking.appointment.id),
    payload: { callId: booking.callId, appointment: booking.appointment, confirmedAt: booking.confirmedAt },
  };
}

/**
 * Checks a message before a store writes it: a malformed payload is refused at once (in the caller's
 * transaction), not discovered by the relay hours later. The error names the topic and fields, never values.
 */
export function assertValidOutboxMessage(message: NewOutboxMessage): void {
  const key = outboxKeySchema.safeParse(message.idempotencyKey);
  if (!key.success) throw new Error(`Invalid outbox message (${message.topic}): bad idempotency key`);
  if (message.practiceId.trim() === '') throw new Error(`Invalid outbox message (${message.topic}): empty practice id`);
  const payload = OUTBOX_PAYLOAD_SCHEMAS[message.topic].safeParse(message.payload);
  if (!payload.success) {
    const fields = [...new Set(payload.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5);
    throw new Error(`Invalid outbox message (${message.topic}): bad ${fields.join(', ')}`);
  }
}
