import type { ToolName } from '@crowndesk/domain';

/**
 * The receptionist tools an ElevenLabs agent calls over webhooks. Hanging up and transferring are left to
 * ElevenLabs' own system tools (end_call, transfer_to_number): only ElevenLabs controls that call's audio.
 */
export const ELEVENLABS_TOOL_NAMES = [
  'check_availability',
  'book_appointment',
  'find_my_appointments',
  'reschedule_appointment',
  'cancel_appointment',
  'get_practice_info',
] as const satisfies readonly ToolName[];

export type ElevenLabsToolName = (typeof ELEVENLABS_TOOL_NAMES)[number];

export function isElevenLabsToolName(name: string): name is ElevenLabsToolName {
  return (ELEVENLABS_TOOL_NAMES as readonly string[]).includes(name);
}

/** Where our tool endpoint lives; the tool name is the last path segment. */
export const TOOLS_PATH = '/api/elevenlabs/tools';
