import type { Appointment, AppointmentType, CallerIdentity, LocalDate, Slot, WallTime } from '../model';
import type { BookingWindow } from './booking-window';
import type { PartOfDay } from './slot-selection';

export interface AvailabilityRequest {
  /** A type code or a common way of saying it ("checkup"). */
  typeCode: string;
  date?: LocalDate;
  time?: WallTime;
  partOfDay?: PartOfDay;
}

export interface BookAppointmentRequest {
  typeCode: string;
  /** Local "YYYY-MM-DDTHH:mm" in the practice's zone. */
  localStart: string;
  identity: CallerIdentity;
  phone?: string;
}

/** An appointment shown to the verified caller, under its opaque ref. */
export interface ShownRef {
  ref: string;
  appointment: Appointment;
}

export interface UnknownType {
  status: 'unknown_type';
  validCodes: string[];
}

/** The date is not on the calendar ("2026-02-30"). */
export interface InvalidDate {
  status: 'invalid_date';
  /** Which request field holds it. */
  field: 'date' | 'start' | 'date_of_birth';
}

export interface SlotUnavailable {
  status: 'slot_unavailable';
  alternatives: Slot[];
}

export interface OutsideWindow {
  status: 'outside_booking_window';
  window: BookingWindow;
  alternatives: Slot[];
}

/** Changes need a verified caller: first name, last name and date of birth matched in this call. */
export interface NotVerified {
  status: 'not_verified';
}

/** The ref was not shown to the verified caller in this call (or the appointment is no longer active). */
export interface UnknownAppointment {
  status: 'unknown_appointment';
}

/**
 * The backend could not take the booking during the call (timeout, connection, 5xx), so it is queued under the
 * live attempt's key: the relay creates it later and the office confirms it with the caller. The slot is the
 * one the caller agreed to; it is not in the practice's schedule yet.
 */
export interface BookingPending {
  status: 'pending';
  slot: Slot;
  newPatient: boolean;
}

export type AvailabilityResult =
  | { status: 'available'; appointmentType: AppointmentType; slots: Slot[] }
  | UnknownType
  | InvalidDate
  | OutsideWindow;

export type BookingOutcome =
  | { status: 'booked'; appointment: Appointment; ref: string; newPatient: boolean }
  | BookingPending
  | UnknownType
  | InvalidDate
  /** A new patient needs a first and a last name. */
  | { status: 'incomplete_name' }
  | SlotUnavailable
  | OutsideWindow;

export type LookupOutcome = { status: 'verified'; appointments: ShownRef[] } | { status: 'identity_mismatch' };

export type RescheduleOutcome =
  | { status: 'rescheduled'; ref: string; appointment: Appointment }
  | NotVerified
  | UnknownAppointment
  | UnknownType
  | InvalidDate
  | SlotUnavailable
  | OutsideWindow;

export type CancelOutcome = { status: 'cancelled'; ref: string; appointment: Appointment } | NotVerified | UnknownAppointment;
