import type { Appointment, AppointmentType, NewPatient, Patient, Practice, Slot } from '../model';

export interface OpenSlotQuery {
  appointmentType: AppointmentType;
  /** ISO instants; the backend returns slots whose start lies in [from, to). */
  from: string;
  to: string;
  /**
   * Busy time of this appointment is ignored: it is the one being moved, so it must not block its own new
   * slot (a 60-minute cleaning moved 30 minutes later with the only hygienist). The domain passes only an
   * appointment the verified caller may change. Writes re-check at write time whatever this query said.
   */
  excludeAppointmentId?: string;
}

export interface PatientSearch {
  /** "YYYY-MM-DD" */
  dateOfBirth: string;
  /** As the caller said it; the domain decides what is a match. */
  fullName: string;
}

export interface BookingRequest {
  patientId: string;
  slot: Slot;
  /** The same key books at most once, whatever the number of retries. */
  idempotencyKey: string;
}

export interface RescheduleRequest {
  appointmentId: string;
  patientId: string;
  newSlot: Slot;
  idempotencyKey: string;
}

export interface CancelRequest {
  appointmentId: string;
  patientId: string;
  idempotencyKey: string;
}

export type BookingResult =
  | { status: 'booked'; appointment: Appointment }
  | { status: 'slot_taken' };

export type RescheduleResult =
  | { status: 'rescheduled'; previous: Appointment; appointment: Appointment }
  | { status: 'slot_taken' }
  | { status: 'not_found' };

export type CancelResult = { status: 'cancelled'; appointment: Appointment } | { status: 'not_found' };

/**
 * How a caller may stop a backend call it no longer wants (the caller kept talking and the turn was
 * superseded, or the call ended). Once `signal` aborts, a read stops as soon as it can and rejects with the
 * signal's reason; a write that has not started is not made and rejects likewise. A write that has started
 * is finished, never abandoned half-done: the caller may ignore its result, and a retry with the same
 * idempotency key finds it.
 */
export interface BackendCallOptions {
  signal?: AbortSignal;
}

/**
 * The practice's system of record for patients and the schedule.
 * Every write re-checks the schedule at write time and is idempotent on its key.
 */
export interface SchedulingBackend {
  openSlots(practice: Practice, query: OpenSlotQuery, options?: BackendCallOptions): Promise<Slot[]>;
  /** Candidate patients with that date of birth (and a similar name); the domain verifies the match. */
  findPatients(practice: Practice, search: PatientSearch, options?: BackendCallOptions): Promise<Patient[]>;
  registerPatient(practice: Practice, patient: NewPatient, idempotencyKey: string, options?: BackendCallOptions): Promise<Patient>;
  /** The patient's appointments from today on, any status. */
  appointmentsOf(practice: Practice, patientId: string, options?: BackendCallOptions): Promise<Appointment[]>;
  book(practice: Practice, request: BookingRequest, options?: BackendCallOptions): Promise<BookingResult>;
  reschedule(practice: Practice, request: RescheduleRequest, options?: BackendCallOptions): Promise<RescheduleResult>;
  cancel(practice: Practice, request: CancelRequest, options?: BackendCallOptions): Promise<CancelResult>;
}
