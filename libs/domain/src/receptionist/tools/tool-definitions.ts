import { z } from 'zod';
import type { ToolDefinition } from '../../ports';
import type { ToolName } from '../tool-contract';
import { TOOL_NAMES, toolArgumentSchemas } from '../tool-contract';

/** What each tool is for, told to the model. Times are always the practice's local wall-clock. */
const DESCRIPTIONS: Record<ToolName, string> = {
  check_availability:
    'Find open appointment times. Call before offering any time; offer only times it returns (use their "spoken" words). ' +
    'Give a date and/or time when the caller has a preference; omit the date to search the next available days.',
  book_appointment:
    'Book an appointment at a start time returned by check_availability, for the patient named by the caller ' +
    '(full name and date of birth; a new patient is registered). Confirm type, time and name with the caller first. ' +
    'If the result has pendingConfirmation, the scheduling system could not take it right now: it is saved and the ' +
    'office will call to confirm; tell the caller exactly that and never say it is booked.',
  find_my_appointments:
    "Verify the caller by the patient's full name and date of birth and list their upcoming appointments, each with a ref. " +
    'Required before rescheduling or cancelling. Never guess or reuse details the caller did not give.',
  reschedule_appointment:
    'Move a verified caller\'s appointment (a ref from find_my_appointments) to a new start time returned by check_availability for the same type.',
  cancel_appointment: "Cancel a verified caller's appointment (a ref from find_my_appointments) once they have confirmed.",
  get_practice_info:
    'Answer questions about the practice (hours, address, insurance, parking, ...) from its records. Omit the topic for a short summary.',
  transfer_to_staff:
    'Transfer the call to a person at the practice (front_desk unless the caller asks for another department). ' +
    'Use when the caller asks for a human or you cannot help. Numbers come from the practice, never from the caller.',
  end_call: 'Hang up after saying goodbye, once the caller has nothing more to ask.',
};

/** The receptionist's tools, with JSON Schema parameters generated from the argument schemas (OpenAI-function shape). */
export function receptionistToolDefinitions(): ToolDefinition[] {
  return TOOL_NAMES.map((name) => ({ name, description: DESCRIPTIONS[name], parameters: parametersOf(name) }));
}

function parametersOf(name: ToolName): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(toolArgumentSchemas[name], { io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    type: 'object',
    properties: schema['properties'] ?? {},
    required: schema['required'] ?? [],
    additionalProperties: false,
  };
}
