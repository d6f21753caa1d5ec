import type { Appointment, CallRecord, ConfirmedBooking, PendingBooking } from '@crowndesk/domain';
import { DEMO_PRACTICE_ID, DEMO_PATIENTS } from '../../src';
import { cleaningSlot, examSlot } from './demo-slots';

/** Calls and bookings to push through the outbox. They carry PHI, so tests can check logs never do. */

export const CALLER_NAME = 'Maria Lopez';
export const CALLER_NUMBER = '+15551230001';

export function finishedCall(callId: string): CallRecord {
  return {
    callId,
    practiceId: DEMO_PRACTICE_ID,
    channel: 'retell',
    callerNumber: CALLER_NUMBER,
    startedAt: '2026-06-01T12:55:00.000Z',
    endedAt: '2026-06-01T12:59:30.000Z',
    transcript: [
      { speaker: 'agent', text: 'Thank you for calling Bright Smile Dental.' },
      { speaker: 'caller', text: `This is ${CALLER_NAME}, I need a cleaning.` },
    ],
    outcome: 'booked',
    summary: `${CALLER_NAME} booked a cleaning.`,
    appointmentIds: [],
  };
}

const HOURS = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'];

/** A booking the backend could not take; `n` picks a distinct cleaning slot on one of several days. */
export function pendingBooking(n: number, callId = `CA-${n}`): PendingBooking {
  const day = `2026-06-${String(9 + Math.floor(n / HOURS.length)).padStart(2, '0')}`;
  return {
    practiceId: DEMO_PRACTICE_ID,
    callId,
    patientId: DEMO_PATIENTS.janeDoe.id,
    slot: cleaningSlot(HOURS[n % HOURS.length]!, 'op-1', day),
    idempotencyKey: `book-${callId}-${n}`,
    requestedAt: '2026-06-01T12:58:00.000Z',
  };
}

/** A booking the backend took (appointment `apt-<n>`), to be confirmed there. */
export function confirmedBooking(n: number, callId = `CA-${n}`): ConfirmedBooking {
  const slot = examSlot('10:30');
  const appointment: Appointment = {
    id: `apt-${n}`,
    practiceId: DEMO_PRACTICE_ID,
    patientId: DEMO_PATIENTS.johnSmith.id,
    ...slot,
    status: 'scheduled',
  };
  return { callId, appointment, idempotencyKey: `book-${callId}-confirmed-${n}`, confirmedAt: '2026-06-01T12:58:00.000Z' };
}
