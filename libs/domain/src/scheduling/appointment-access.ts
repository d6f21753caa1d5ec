import type { Appointment, Patient, Practice } from '../model';
import { OCCUPYING_STATUSES } from '../model';
import type { CallSession } from '../receptionist/call-session';
import type { NotVerified, UnknownAppointment } from './front-desk-results';

export interface AccessibleAppointment {
  ref: string;
  patient: Patient;
  appointment: Appointment;
}

/** Does this appointment occupy the schedule for this patient of this practice? */
export function isActiveFor(appointment: Appointment, practice: Practice, patient: Patient): boolean {
  return (
    appointment.practiceId === practice.id &&
    appointment.patientId === patient.id &&
    OCCUPYING_STATUSES.includes(appointment.status)
  );
}

/**
 * The appointment behind a ref, if this caller may change it: the caller is verified in this call, the ref
 * was shown to them in this call, and the appointment is the verified patient's, in this practice. A ref that
 * fails any of these is simply unknown: the answer never reveals whose it is.
 */
export function accessibleAppointment(
  session: CallSession,
  ref: string,
  options: { includeCancelled?: boolean } = {},
): AccessibleAppointment | NotVerified | UnknownAppointment {
  const patient = session.verifiedPatient;
  if (!patient) return { status: 'not_verified' };
  const key = ref.trim();
  const appointment = session.shownAppointments.get(key);
  if (!appointment) return { status: 'unknown_appointment' };
  const owned = appointment.patientId === patient.id && appointment.practiceId === session.practice.id;
  const usable = isActiveFor(appointment, session.practice, patient) || (options.includeCancelled && appointment.status === 'cancelled');
  return owned && usable ? { ref: key, patient, appointment } : { status: 'unknown_appointment' };
}
