import { z } from 'zod';

/**
 * The receptionist's tools as the language model sees them: names, argument schemas, result shapes.
 * This is the contract between the conversation, the tool implementations, and every model adapter
 * (OpenAI and the built-in engine). Times are the practice's local wall-clock; the server resolves zones.
 */

export const TOOL_NAMES = [
  'check_availability',
  'book_appointment',
  'find_my_appointments',
  'reschedule_appointment',
  'cancel_appointment',
  'get_practice_info',
  'transfer_to_staff',
  'end_call',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm (24h)');
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'expected YYYY-MM-DDTHH:mm');
const fullName = z.string().trim().min(2).max(120);

export const toolArgumentSchemas = {
  check_availability: z.object({
    appointment_type: z.string().min(1).max(40).describe('Appointment type code, e.g. cleaning, exam, emergency, new_patient'),
    date: localDate.optional().describe('Preferred local date; omit for the next available days'),
    time: localTime.optional().describe('Preferred local start time'),
    part_of_day: z.enum(['morning', 'afternoon', 'any']).optional(),
  }),
  book_appointment: z.object({
    appointment_type: z.string().min(1).max(40),
    start: localDateTime.describe('Local start time of a slot offered by check_availability'),
    full_name: fullName.describe("The patient's first and last name"),
    date_of_birth: localDate.describe("The patient's date of birth"),
    phone: z.string().max(32).optional(),
  }),
  find_my_appointments: z.object({
    full_name: fullName,
    date_of_birth: localDate,
  }),
  reschedule_appointment: z.object({
    appointment_ref: z.string().min(1).max(20).describe('A ref returned by find_my_appointments'),
    new_start: localDateTime,
  }),
  cancel_appointment: z.object({
    appointment_ref: z.string().min(1).max(20),
  }),
  get_practice_info: z.object({
    topic: z.string().max(60).optional().describe('hours, address, insurance, parking, ... or omit for a summary'),
  }),
  transfer_to_staff: z.object({
    department: z.string().max(40).optional().describe('front_desk, billing, ... defaults to front_desk'),
    reason: z.string().max(200).optional(),
  }),
  end_call: z.object({}),
} satisfies Record<ToolName, z.ZodType>;

export type ToolArguments = { [K in ToolName]: z.infer<(typeof toolArgumentSchemas)[K]> };

/** A slot as the model sees it: local wall-clock, plus words to say. */
export interface OfferedSlot {
  start: string; // YYYY-MM-DDTHH:mm local
  spoken: string; // "Tuesday, December 1 at 10:00 AM with Dr. Lee"
  provider: string;
}

export interface ShownAppointment {
  ref: string; // empty for a booking pending confirmation
  type: string;
  start: string; // YYYY-MM-DDTHH:mm local
  spoken: string; // "Tuesday, December 1 at 10 AM with Maya Kim" (the type is in `type`)
  status: string; // scheduled, confirmed, ...; pending_confirmation for a booking the office will confirm
}

/** Failure codes every tool may return; the model turns them into words. */
export type ToolErrorCode =
  | 'invalid_arguments'
  | 'unknown_appointment_type'
  | 'not_verified'
  | 'identity_mismatch'
  | 'slot_unavailable'
  | 'outside_booking_window'
  | 'unknown_appointment'
  | 'backend_unavailable'
  | 'unknown_tool';

export type ToolResult =
  | { ok: false; error: ToolErrorCode; message: string; alternatives?: OfferedSlot[] }
  | { ok: true; tool: 'check_availability'; appointmentType: string; slots: OfferedSlot[] }
  | {
      ok: true;
      tool: 'book_appointment';
      appointment: ShownAppointment;
      newPatient: boolean;
      /**
       * Present only when the practice's scheduling system could not take the booking during the call: it is
       * saved, not yet in the schedule, and the office will confirm by phone; tell the caller exactly that, do
       * not say it is booked. `appointment` is then the time the caller agreed to, with status
       * `pending_confirmation`, no provider in `spoken`, and an empty `ref` (there is nothing to change yet).
       * Absent means the appointment is booked.
       */
      pendingConfirmation?: true;
    }
  | { ok: true; tool: 'find_my_appointments'; appointments: ShownAppointment[] }
  | { ok: true; tool: 'reschedule_appointment'; appointment: ShownAppointment }
  | { ok: true; tool: 'cancel_appointment'; appointment: ShownAppointment }
  | { ok: true; tool: 'get_practice_info'; topic: string; answer: string }
  | { ok: true; tool: 'transfer_to_staff'; department: string }
  | { ok: true; tool: 'end_call' };
