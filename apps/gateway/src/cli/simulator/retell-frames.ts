import { z } from 'zod';

/**
 * The Retell Custom LLM protocol as the simulator needs it: what Retell sends (interaction_type) and what the
 * server answers (response_type). Server frames are validated, so a protocol bug in the gateway shows up
 * as a clear message in the terminal instead of a silent hang.
 */

export interface TranscriptItem {
  role: 'agent' | 'user';
  content: string;
  words: never[];
}

export interface CallDetails {
  call_type: 'phone_call';
  call_id: string;
  agent_id: string;
  from_number: string;
  to_number: string;
  direction: 'inbound';
  call_status: 'registered';
  metadata: Record<string, never>;
  retell_llm_dynamic_variables: Record<string, never>;
}

export type RetellFrame =
  | { interaction_type: 'call_details'; call: CallDetails }
  | { interaction_type: 'ping_pong'; timestamp: number }
  | { interaction_type: 'response_required' | 'reminder_required'; response_id: number; transcript: TranscriptItem[] };

const actions = {
  end_call: z.boolean().optional(),
  transfer_number: z.string().optional(),
};

export const serverFrameSchema = z.discriminatedUnion('response_type', [
  z.object({
    response_type: z.literal('config'),
    config: z.object({ auto_reconnect: z.boolean().optional(), call_details: z.boolean().optional() }),
  }),
  z.object({
    response_type: z.literal('response'),
    response_id: z.number().int().nonnegative(),
    content: z.string(),
    content_complete: z.boolean(),
    ...actions,
  }),
  z.object({
    response_type: z.literal('agent_interrupt'),
    interrupt_id: z.number().int(),
    content: z.string(),
    content_complete: z.boolean(),
    ...actions,
  }),
  z.object({
    response_type: z.literal('tool_call_invocation'),
    tool_call_id: z.string(),
    name: z.string(),
    arguments: z.string(),
  }),
  z.object({
    response_type: z.literal('tool_call_result'),
    tool_call_id: z.string(),
    content: z.string(),
    successful: z.boolean().optional(),
  }),
  z.object({ response_type: z.literal('ping_pong'), timestamp: z.number() }),
  z.object({ response_type: z.literal('update_agent') }),
  z.object({ response_type: z.literal('metadata') }),
]);

export type ServerFrame = z.infer<typeof serverFrameSchema>;
