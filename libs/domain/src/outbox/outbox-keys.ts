/**
 * Idempotency keys of outbox messages. They are unique across the outbox and reach the backend (and its
 * logs), so they are built from ids only, never from names or dates of birth.
 */

/** One per call: every delivery of a call's record is the same write. Matches the CrownDesk adapter's key. */
export function callRecordKey(callId: string): string {
  return `call-record:${callId}`;
}

/** One per appointment: confirming it twice is one confirmation. */
export function bookingConfirmationKey(appointmentId: string): string {
  return `appointment-confirm:${appointmentId}`;
}
