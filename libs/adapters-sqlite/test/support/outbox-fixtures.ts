import type { CallRecord, ConfirmedBooking, PendingBooking } from '@crowndesk/domain';
import { callWithPhi, queuedBooking, takenBooking } from '@crowndesk/testing';
import { DEMO_PATIENTS, DEMO_PRACTICE_ID } from '../../src';
import { cleaningSlot, examSlot } from './demo-slots';

/**
 * Calls and bookings to push through the outbox, in the demo practice (its patients and schedule exist in
 * the embedded database). They carry PHI (see @crowndesk/testing's outbox fixtures).
 */

const BRIGHT_SMILE = { practiceId: DEMO_PRACTICE_ID, practiceName: 'Bright Smile Dental', channel: 'retell' } as const;

export function finishedCall(callId: string): CallRecord {
  return callWithPhi(callId, BRIGHT_SMILE);
}

const HOURS = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'];

/** A booking the backend could not take; `n` picks a distinct cleaning slot on one of several days. */
export function pendingBooking(n: number, callId = `CA-${n}`): PendingBooking {
  const day = `2026-06-${String(9 + Math.floor(n / HOURS.length)).padStart(2, '0')}`;
  const slot = cleaningSlot(HOURS[n % HOURS.length]!, 'op-1', day);
  return queuedBooking(n, callId, { practiceId: DEMO_PRACTICE_ID, patientId: DEMO_PATIENTS.janeDoe.id, slot });
}

/** A booking the backend took (appointment `apt-<n>`), to be confirmed there. */
export function confirmedBooking(n: number, callId = `CA-${n}`): ConfirmedBooking {
  return takenBooking(n, callId, { practiceId: DEMO_PRACTICE_ID, patientId: DEMO_PATIENTS.johnSmith.id, slot: examSlot('10:30') });
}
