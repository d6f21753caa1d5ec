import type { Appointment, AppointmentType, NewPatient, Patient, Practice, Slot } from '../model';

export interface OpenSlotQuery {
  appointmentType: AppointmentType;
  /** ISO instants; the backend returns slots whose start lies in [from, to). */
  from: string;
  to: string;
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
 * The practice's system of record for patients and the schedule.
 * Every write re-checks the schedule at write time and is idempotent on its key.
 */
export interface SchedulingBackend {
  openSlots(practice: Practice, query: OpenSlotQuery): Promise<Slot[]>;
  /** Candidate patients with that date of birth (and a similar name); the domain verifies the match. */
  findPatients(practice: Practice, search: PatientSearch): Promise<Patient[]>;
  registerPatient(practice: Practice, patient: NewPatient, idempotencyKey: string): Promise<Patient>;
  /** The patient's appointments from today on, any status. */
  appointmentsOf(practice: Practice, patientId: string): Promise<Appointment[]>;
  book(practice: Practice, request: BookingRequest): Promise<BookingResult>;
  reschedule(practice: Practice, request: RescheduleRequest): Promise<RescheduleResult>;
  cancel(practice: Practice, request: CancelRequest): Promise<CancelResult>;
}
