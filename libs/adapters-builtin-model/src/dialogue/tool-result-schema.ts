import { z } from 'zod';
import type { ToolErrorCode, ToolResult } from '@crowndesk/domain';

/**
 * The ToolResult union as it arrives in a tool message: JSON written by the conversation's tool runner.
 * Parsed at this edge so the dialogue only ever sees well-formed results.
 */
const offeredSlot = z.object({ start: z.string(), spoken: z.string(), provider: z.string() });
const shownAppointment = z.object({
  ref: z.string(),
  type: z.string(),
  start: z.string(),
  spoken: z.string(),
  status: z.string(),
});
const errorCodes = [
  'invalid_arguments',
  'unknown_appointment_type',
  'not_verified',
  'identity_mismatch',
  'slot_unavailable',
  'outside_booking_window',
  'unknown_appointment',
  'backend_unavailable',
  'unknown_tool',
] as const satisfies readonly ToolErrorCode[];

const toolResultSchema = z.union([
  z.object({
    ok: z.literal(false),
    error: z.enum(errorCodes),
    message: z.string(),
    alternatives: z.array(offeredSlot).optional(),
  }),
  z.object({
    ok: z.literal(true),
    tool: z.literal('check_availability'),
    appointmentType: z.string(),
    slots: z.array(offeredSlot),
  }),
  z.object({
    ok: z.literal(true),
    tool: z.literal('book_appointment'),
    appointment: shownAppointment,
    newPatient: z.boolean(),
    pendingConfirmation: z.literal(true).optional(),
  }),
  z.object({ ok: z.literal(true), tool: z.literal('find_my_appointments'), appointments: z.array(shownAppointment) }),
  z.object({ ok: z.literal(true), tool: z.literal('reschedule_appointment'), appointment: shownAppointment }),
  z.object({ ok: z.literal(true), tool: z.literal('cancel_appointment'), appointment: shownAppointment }),
  z.object({ ok: z.literal(true), tool: z.literal('get_practice_info'), topic: z.string(), answer: z.string() }),
  z.object({ ok: z.literal(true), tool: z.literal('transfer_to_staff'), department: z.string() }),
  z.object({ ok: z.literal(true), tool: z.literal('end_call') }),
]);

/** The tool result in a tool message's content, or null when it is not valid JSON of the contract. */
export function parseToolResult(content: string): ToolResult | null {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return null;
  }
  const parsed = toolResultSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
