import type { CallRecord, ConfirmedBooking, PendingBooking, Slot } from '@crowndesk/domain';
import { callWithPhi, queuedBooking, takenBooking, type BookingRequest } from '@crowndesk/testing';

/**
 * Calls and bookings to push through the outbox, in one practice (PostgreSQL keeps no practice schedule, so
 * any slot will do). They carry PHI (see @crowndesk/testing's outbox fixtures).
 */

export const PRACTICE_ID = 'practice-maple';
const MAPLE = { practiceId: PRACTICE_ID, practiceName: 'Maple Dental', channel: 'twilio' } as const;

export function finishedCall(callId: string): CallRecord {
  return callWithPhi(callId, MAPLE);
}

/** A 60-minute cleaning `n` hours after 2026-06-09 12:00 UTC: distinct slots for distinct n. */
function slotAt(n: number): Slot {
  const start = Date.parse('2026-06-09T12:00:00.000Z') + n * 3_600_000;
  return {
    typeCode: 'cleaning',
    providerId: 'prov-park',
    operatoryId: 'op-1',
    start: new Date(start).toISOString(),
    end: new Date(start + 3_600_000).toISOString(),
  };
}

const mariaAt = (n: number): BookingRequest => ({ practiceId: PRACTICE_ID, patientId: 'pat-maria', slot: slotAt(n) });

export function pendingBooking(n: number, callId = `CA-${n}`): PendingBooking {
  return queuedBooking(n, callId, mariaAt(n));
}

export function confirmedBooking(n: number, callId = `CA-${n}`): ConfirmedBooking {
  return takenBooking(n, callId, mariaAt(n));
}
