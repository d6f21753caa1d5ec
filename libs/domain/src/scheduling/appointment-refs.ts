import type { Appointment, CallOutcome } from '../model';
import type { CallSession } from '../receptionist/call-session';

/**
 * Opaque refs ("appt-1") for appointments shown to the verified caller in this call. The model only ever sees
 * refs, so it cannot name an appointment the caller was not shown, and refs mean nothing in another call.
 */
export function showAppointment(session: CallSession, appointment: Appointment): string {
  for (const [ref, shown] of session.shownAppointments) {
    if (shown.id === appointment.id) {
      session.shownAppointments.set(ref, appointment);
      return ref;
    }
  }
  let next = session.shownAppointments.size + 1;
  while (session.shownAppointments.has(`appt-${next}`)) next += 1;
  const ref = `appt-${next}`;
  session.shownAppointments.set(ref, appointment);
  return ref;
}

/** Notes what this call achieved, for the call record; each appointment id once. */
export function recordOutcome(session: CallSession, outcome: CallOutcome, appointmentIds: readonly string[]): void {
  session.outcomes.push(outcome);
  for (const id of appointmentIds) if (!session.appointmentIds.includes(id)) session.appointmentIds.push(id);
}

/**
 * Notes an appointment this call created (booked, or the new time of a reschedule), once: a replayed write
 * that finds the same appointment again does not count twice, and one whose first reply was lost still counts.
 */
export function recordNewAppointment(
  session: CallSession,
  outcome: CallOutcome,
  appointmentId: string,
  replacedIds: readonly string[] = [],
): void {
  if (session.appointmentIds.includes(appointmentId)) return;
  recordOutcome(session, outcome, [...replacedIds, appointmentId]);
}
