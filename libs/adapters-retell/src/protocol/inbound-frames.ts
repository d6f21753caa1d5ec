import { z } from 'zod';

/**
 * What Retell sends us, tagged by `interaction_type`. Objects are loose: Retell adds fields over time
 * (e.g. a stray `timestamp` on requests) and we must not drop a call because of one.
 */

/**
 * One line of Retell's transcript. `role` stays a free string so a new role does not break live calls;
 * only `user` and `agent` are read. `words` is never read, so it is not validated item by item: that
 * would cost work proportional to the call's length on every frame and could only break a call.
 */
export const transcriptItemSchema = z.looseObject({
  role: z.string().min(1),
  content: z.string(),
  words: z.array(z.unknown()).optional(),
});
export type RetellTranscriptItem = z.infer<typeof transcriptItemSchema>;

const transcriptSchema = z.array(transcriptItemSchema);

/** Present only when config.transcript_with_tool_calls is on (we turn it off); accepted, not read. */
const transcriptWithToolCallsSchema = z.array(z.looseObject({ role: z.string().min(1) })).optional();

export const pingPongSchema = z.looseObject({
  interaction_type: z.literal('ping_pong'),
  timestamp: z.number(),
});

/** The call object. Only what identifies the call and its practice is read; metadata is deliberately not. */
export const callDetailsSchema = z.looseObject({
  interaction_type: z.literal('call_details'),
  call: z.looseObject({
    call_id: z.string().trim().min(1).max(128),
    agent_id: z.string().trim().min(1).max(128).optional(),
    call_type: z.string().optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    from_number: z.string().max(32).optional(),
    to_number: z.string().max(32).optional(),
  }),
});

export const updateOnlySchema = z.looseObject({
  interaction_type: z.literal('update_only'),
  transcript: transcriptSchema,
  transcript_with_tool_calls: transcriptWithToolCallsSchema,
  turntaking: z.enum(['agent_turn', 'user_turn']).optional(),
});

const responseIdSchema = z.number().int().nonnegative();

export const responseRequiredSchema = z.looseObject({
  interaction_type: z.literal('response_required'),
  response_id: responseIdSchema,
  transcript: transcriptSchema,
  transcript_with_tool_calls: transcriptWithToolCallsSchema,
});

export const reminderRequiredSchema = z.looseObject({
  interaction_type: z.literal('reminder_required'),
  response_id: responseIdSchema,
  transcript: transcriptSchema,
  transcript_with_tool_calls: transcriptWithToolCallsSchema,
});

const schemasByType = {
  ping_pong: pingPongSchema,
  call_details: callDetailsSchema,
  update_only: updateOnlySchema,
  response_required: responseRequiredSchema,
  reminder_required: reminderRequiredSchema,
} as const;

export type InboundInteractionType = keyof typeof schemasByType;
export type PingPongEvent = z.infer<typeof pingPongSchema>;
export type CallDetailsEvent = z.infer<typeof callDetailsSchema>;
export type RetellCallObject = CallDetailsEvent['call'];
export type UpdateOnlyEvent = z.infer<typeof updateOnlySchema>;
export type ResponseRequestEvent = z.infer<typeof responseRequiredSchema> | z.infer<typeof reminderRequiredSchema>;
export type InboundEvent = PingPongEvent | CallDetailsEvent | UpdateOnlyEvent | ResponseRequestEvent;

export type InboundParseResult =
  | { kind: 'event'; event: InboundEvent }
  /** A well-formed frame of a type this adapter does not know: ignore it (forward compatible). */
  | { kind: 'unknown'; interactionType: string }
  /** The frame breaks the protocol; `problem` names what is wrong and never quotes frame content. */
  | { kind: 'invalid'; problem: string };

const envelopeSchema = z.looseObject({ interaction_type: z.string().min(1) });

function isKnownType(type: string): type is InboundInteractionType {
  return Object.hasOwn(schemasByType, type);
}

/** Validates one text frame from Retell. Never throws. */
export function parseInboundFrame(text: string): InboundParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', problem: 'invalid JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'invalid', problem: 'frame is not an object with an interaction_type' };
  const type = envelope.data.interaction_type;
  if (!isKnownType(type)) return { kind: 'unknown', interactionType: type };
  const parsed = schemasByType[type].safeParse(json);
  if (!parsed.success) return { kind: 'invalid', problem: `invalid ${type}: ${describeIssues(parsed.error)}` };
  return { kind: 'event', event: parsed.data };
}

/** "call.call_id: Invalid input: expected string, received undefined", first issue only (fits a close reason). */
function describeIssues(error: z.ZodError): string {
  const [issue] = error.issues;
  if (!issue) return 'does not match the protocol';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
