import { z } from 'zod';

const speechStarted = z.object({
  type: z.literal('input_audio_buffer.speech_started'),
  item_id: z.string().optional(),
});

const transcriptionDelta = z.object({
  type: z.literal('conversation.item.input_audio_transcription.delta'),
  item_id: z.string(),
  delta: z.string().default(''),
});

const transcriptionCompleted = z.object({
  type: z.literal('conversation.item.input_audio_transcription.completed'),
  item_id: z.string(),
  transcript: z.string(),
});

/** Codes and types only: a message could quote what it failed on. */
const errorDetails = z.object({
  type: z.string().nullish(),
  code: z.string().nullish(),
  param: z.string().nullish(),
  /** The client event that caused the error, when one did. */
  event_id: z.string().nullish(),
});

const transcriptionFailed = z.object({
  type: z.literal('conversation.item.input_audio_transcription.failed'),
  item_id: z.string(),
  error: errorDetails.prefault({}),
});

const serverError = z.object({
  type: z.literal('error'),
  error: errorDetails,
});

const handledEvent = z.discriminatedUnion('type', [
  speechStarted,
  transcriptionDelta,
  transcriptionCompleted,
  transcriptionFailed,
  serverError,
]);

const HANDLED_TYPES: ReadonlySet<string> = new Set(handledEvent.options.map((option) => option.shape.type.value));

export type ServerError = z.output<typeof errorDetails>;

export type ServerEvent =
  | z.output<typeof handledEvent>
  /** Events we do not act on (session.created, speech_stopped, committed, ...), by name. */
  | { type: 'unhandled'; name: string }
  /** Not JSON, no type, or a handled type with the wrong shape. */
  | { type: 'malformed'; name?: string };

const envelope = z.object({ type: z.string() });

/** Reads one text frame from the realtime endpoint. Never throws: the socket's input is untrusted. */
export function parseServerEvent(text: string): ServerEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { type: 'malformed' };
  }
  const head = envelope.safeParse(json);
  if (!head.success) return { type: 'malformed' };
  const name = head.data.type;
  if (!HANDLED_TYPES.has(name)) return { type: 'unhandled', name };
  const event = handledEvent.safeParse(json);
  return event.success ? event.data : { type: 'malformed', name };
}
