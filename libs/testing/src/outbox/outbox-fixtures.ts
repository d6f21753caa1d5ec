import type { Appointment, CallChannel, CallRecord, ConfirmedBooking, PendingBooking, Slot } from '@crowndesk/domain';

/**
 * Calls and bookings to push through an outbox. They carry PHI (the caller's name and number), so tests can
 * check that logs never do. Which practice, patient and slot they use is each store's own business.
 */

export const CALLER_NAME = 'Maria Lopez';
export const CALLER_NUMBER = '+15551230001';

/** The practice a call reached, and how. */
export interface CalledPractice {
  practiceId: string;
  practiceName: string;
  channel: CallChannel;
}

/** A booked call whose transcript and summary name the caller. */
export function callWithPhi(callId: string, practice: CalledPractice): CallRecord {
  return {
    callId,
    practiceId: practice.practiceId,
    channel: practice.channel,
    callerNumber: CALLER_NUMBER,
    startedAt: '2026-06-01T12:55:00.000Z',
    endedAt: '2026-06-01T12:59:30.000Z',
    transcript: [
      { speaker: 'agent', text: `Thank you for calling ${practice.practiceName}.` },
      { speaker: 'caller', text: `This is ${CALLER_NAME}, I need a cleaning.` },
    ],
    outcome: 'booked',
    summary: `${CALLER_NAME} booked a cleaning.`,
    appointmentIds: [],
  };
}

/** Who was to be booked into which slot. */
export interface BookingRequest {
  practiceId: string;
  patientId: string;
  slot: Slot;
}

/** Booking `n` of a call that the backend could not take: its key is `book-<callId>-<n>`. */
export function queuedBooking(n: number, callId: string, request: BookingRequest): PendingBooking {
  const { practiceId, patientId, slot } = request;
  return { practiceId, callId, patientId, slot, idempotencyKey: `book-${callId}-${n}`, requestedAt: '2026-06-01T12:58:00.000Z' };
}

/** Booking `n` of a call that the backend took as appointment `apt-<n>`, to be confirmed there. */
export function takenBooking(n: number, callId: string, request: BookingRequest): ConfirmedBooking {
  const { practiceId, patientId, slot } = request;
  const appointment: Appointment = { id: `apt-${n}`, practiceId, patientId, ...slot, status: 'scheduled' };
  return { callId, appointment, idempotencyKey: `book-${callId}-confirmed-${n}`, confirmedAt: '2026-06-01T12:58:00.000Z' };
}
