import type { Practice, Slot } from '../../model';
import type { BookingWindow, InvalidDate } from '../../scheduling';
import { spokenDate, spokenDateTime } from '../../scheduling';
import type { ToolErrorCode, ToolResult } from '../tool-contract';
import { offeredSlot } from './presenters';

/** Failure results, worded for the model: what happened and what to do next. Never any patient data. */

export type ToolFailure = Extract<ToolResult, { ok: false }>;

export function failure(error: ToolErrorCode, message: string, alternatives?: { practice: Practice; slots: Slot[] }): ToolFailure {
  if (!alternatives) return { ok: false, error, message };
  return { ok: false, error, message, alternatives: alternatives.slots.map((slot) => offeredSlot(alternatives.practice, slot)) };
}

export function unknownAppointmentType(practice: Practice): ToolFailure {
  const valid = practice.appointmentTypes.map((type) => `${type.code} (${type.name}, ${type.durationMinutes} min)`).join(', ');
  return failure('unknown_appointment_type', `That is not an appointment type we book. Valid appointment_type codes: ${valid}.`);
}

export function invalidDate(result: InvalidDate): ToolFailure {
  return failure('invalid_arguments', `${result.field} is not a real calendar date; confirm it with the caller.`);
}

export function incompleteName(): ToolFailure {
  return failure('invalid_arguments', "full_name needs the patient's first and last name; ask the caller for both.");
}

export function slotUnavailable(practice: Practice, alternatives: Slot[]): ToolFailure {
  const next =
    alternatives.length > 0
      ? 'Offer the caller one of the alternatives.'
      : 'No other time is open within our booking window; offer to transfer the caller to the front desk.';
  return failure('slot_unavailable', `That time is not available. ${next}`, { practice, slots: alternatives });
}

export function outsideBookingWindow(practice: Practice, window: BookingWindow, alternatives: Slot[]): ToolFailure {
  const range = `We book from ${spokenDateTime(window.notBefore, practice.timeZone)} up to ${spokenDate(window.lastDate)}.`;
  const next = alternatives.length > 0 ? ' Offer the caller one of the alternatives.' : ' Ask the caller for a date in that range.';
  return failure('outside_booking_window', `${range}${next}`, alternatives.length > 0 ? { practice, slots: alternatives } : undefined);
}

export function notVerified(): ToolFailure {
  return failure(
    'not_verified',
    "The caller is not verified. Ask for the patient's full name and date of birth and call find_my_appointments first.",
  );
}

/** The same words whether or not such a patient exists: a mismatch must not reveal who is a patient. */
export function identityMismatch(): ToolFailure {
  return failure(
    'identity_mismatch',
    'Those details do not match our records. Ask the caller to spell their name and repeat their date of birth, or offer to transfer them to the front desk.',
  );
}

export function unknownAppointment(): ToolFailure {
  return failure('unknown_appointment', 'That appointment_ref is not one shown to this caller. Use a ref returned by find_my_appointments.');
}

export function backendUnavailable(): ToolFailure {
  return failure(
    'backend_unavailable',
    'The scheduling system did not respond. Apologise, and offer to transfer the caller to the front desk or to try again.',
  );
}
