import { z } from 'zod';
import { transcriptItemSchema } from '../protocol/inbound-frames';

/** The events that become call facts. Voice agents get these three by default; anything else is acknowledged and ignored. */
export const RETELL_CALL_EVENTS = ['call_started', 'call_ended', 'call_analyzed'] as const;
export type RetellCallEventName = (typeof RETELL_CALL_EVENTS)[number];

/** Absent and null mean the same (Retell omits fields it has no value for; null is tolerated). */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

/** Unix milliseconds within what a Date can hold. */
const epochMsSchema = z.number().int().min(0).max(8.64e15);

/** Only the fields an event first needs to be routed, so an unknown event is acknowledged without more parsing. */
export const retellWebhookEnvelopeSchema = z.looseObject({ event: z.string() });

/**
 * Retell's call object, as far as the call record reads it. Loose: Retell adds fields over time (recordings,
 * latency, costs, ...), and `metadata` / dynamic variables are deliberately never read.
 */
export const retellWebhookCallSchema = z.looseObject({
  call_id: z.string().trim().min(1).max(128),
  agent_id: z.string().trim().min(1).max(128),
  call_type: z.string().min(1).max(64),
  direction: optional(z.enum(['inbound', 'outbound'])),
  // Phone numbers (E.164, or SIP identities with custom telephony): the caller's is PHI, stored, never logged.
  from_number: optional(z.string().max(64)),
  to_number: optional(z.string().max(64)),
  start_timestamp: optional(epochMsSchema),
  end_timestamp: optional(epochMsSchema),
  duration_ms: optional(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
  disconnection_reason: optional(z.string().max(128)),
  transcript: optional(z.string()),
  transcript_object: optional(z.array(transcriptItemSchema)),
  call_analysis: optional(
    z.looseObject({
      // The call log keeps summaries up to 10,000 characters.
      call_summary: optional(z.string().max(10_000)),
      call_successful: optional(z.boolean()),
      in_voicemail: optional(z.boolean()),
      user_sentiment: optional(z.string()),
      custom_analysis_data: z.unknown().optional(),
    }),
  ),
});

export const retellWebhookSchema = z.looseObject({
  event: z.enum(RETELL_CALL_EVENTS),
  call: retellWebhookCallSchema,
});

export type RetellWebhookCall = z.output<typeof retellWebhookCallSchema>;
export type RetellWebhookPayload = z.output<typeof retellWebhookSchema>;
