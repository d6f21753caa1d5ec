import type { Appointment, CallRecord, ConfirmedBooking, PendingBooking, Slot } from '@crowndesk/domain';

/** Calls and bookings to push through the outbox. They carry PHI, so tests can check logs never do. */

export const PRACTICE_ID = 'practice-maple';
export const CALLER_NAME = 'Maria Lopez';
export const CALLER_NUMBER = '+15551230001';

export function finishedCall(callId: string): CallRecord {
  return {
    callId,
    practiceId: PRACTICE_ID,
    channel: 'twilio',
    callerNumber: CALLER_NUMBER,
    startedAt: '2026-06-01T12:55:00.000Z',
    endedAt: '2026-06-01T12:59:30.000Z',
    transcript: [
      { speaker: 'agent', text: 'Thank you for calling Maple Dental.' },
      { speaker: 'caller', text: `This is ${CALLER_NAME}, I need a cleaning.` },
    ],
    outcome: 'booked',
    summary: `${CALLER_NAME} booked a cleaning.`,
    appointmentIds: [],
  };
}

/** A 60-minute cleaning `n` hours after 2026-06-09 12:00 UTC: distinct slots for distinct n. */
export function slotAt(n: number): Slot {
  const start = Date.parse('2026-06-09T12:00:00.000Z') + n * 3_600_000;
  return {
    typeCode: 'cleaning',
    providerId: 'prov-park',
    operatoryId: 'op-1',
    start: new Date(start).toISOString(),
    end: new Date(start + 3_600_000).toISOString(),
  };
}

export function pendingBooking(n: number, callId = `CA-${n}`): PendingBooking {
  return {
    practiceId: PRACTICE_ID,
    callId,
    patientId: 'pat-maria',
    slot: slotAt(n),
    idempotencyKey: `book-${callId}-${n}`,
    requestedAt: '2026-06-01T12:58:00.000Z',
  };
}

export function confirmedBooking(n: number, callId = `CA-${n}`): ConfirmedBooking {
  const appointment: Appointment = { id: `apt-${n}`, practiceId: PRACTICE_ID, patientId: 'pat-maria', ...slotAt(n), status: 'scheduled' };
  return { callId, appointment, idempotencyKey: `book-${callId}-confirmed-${n}`, confirmedAt: '2026-06-01T12:58:00.000Z' };
}
