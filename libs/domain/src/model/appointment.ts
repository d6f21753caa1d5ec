export type AppointmentStatus = 'scheduled' | 'confirmed' | 'cancelled' | 'rescheduled';

export interface Appointment {
  id: string;
  practiceId: string;
  patientId: string;
  typeCode: string;
  providerId: string;
  operatoryId: string;
  /** ISO-8601 instant (UTC, with Z). */
  start: string;
  /** ISO-8601 instant (UTC, with Z). */
  end: string;
  status: AppointmentStatus;
}

/** A free place in the schedule: one provider and one operatory, both free for the whole span. */
export interface Slot {
  typeCode: string;
  providerId: string;
  operatoryId: string;
  /** ISO-8601 instant (UTC, with Z). */
  start: string;
  /** ISO-8601 instant (UTC, with Z). */
  end: string;
}

/** Time already taken in the schedule, for one provider and one operatory. */
export interface BusyBlock {
  providerId: string;
  operatoryId: string;
  start: string;
  end: string;
}

/** Statuses that occupy a chair and a provider. */
export const OCCUPYING_STATUSES: readonly AppointmentStatus[] = ['scheduled', 'confirmed'];
