import { z } from 'zod';

/** Twilio sends sequence numbers, chunks and timestamps as strings; tolerate numbers too. */
const numeric = z.union([z.string().regex(/^\d{1,15}$/), z.number().int().nonnegative()]);
const streamSid = z.string().min(1).max(64);
const sid = z.string().min(1).max(64);

/** Up to ~1 s of audio per inbound frame; Twilio sends 20 ms. */
export const MAX_MEDIA_PAYLOAD_CHARS = 12_000;

export const connectedFrame = z.object({
  event: z.literal('connected'),
  protocol: z.string().max(32),
  version: z.string().max(32).optional(),
});

export const startFrame = z.object({
  event: z.literal('start'),
  sequenceNumber: numeric.optional(),
  streamSid,
  start: z.object({
    streamSid,
    accountSid: sid,
    callSid: sid,
    tracks: z.array(z.string().max(32)).max(4).optional(),
    customParameters: z.record(z.string().max(200), z.string().max(500)).default({}),
    mediaFormat: z.object({
      encoding: z.string().max(64),
      sampleRate: z.number().int().positive(),
      channels: z.number().int().positive(),
    }),
  }),
});

export const mediaFrame = z.object({
  event: z.literal('media'),
  sequenceNumber: numeric.optional(),
  streamSid,
  media: z.object({
    track: z.enum(['inbound', 'outbound']).default('inbound'),
    chunk: numeric.optional(),
    timestamp: numeric.optional(),
    payload: z.base64().max(MAX_MEDIA_PAYLOAD_CHARS),
  }),
});

export const markFrame = z.object({
  event: z.literal('mark'),
  sequenceNumber: numeric.optional(),
  streamSid,
  mark: z.object({ name: z.string().min(1).max(256) }),
});

export const dtmfFrame = z.object({
  event: z.literal('dtmf'),
  sequenceNumber: numeric.optional(),
  streamSid,
  dtmf: z.object({ track: z.string().max(32).optional(), digit: z.string().regex(/^[0-9*#A-Da-d]$/) }),
});

export const stopFrame = z.object({
  event: z.literal('stop'),
  sequenceNumber: numeric.optional(),
  streamSid,
  stop: z.object({ accountSid: sid, callSid: sid }).optional(),
});

/** The schema of each inbound event we act on. Events not listed are ignored (Twilio may add some). */
export const INBOUND_FRAMES = {
  connected: connectedFrame,
  start: startFrame,
  media: mediaFrame,
  mark: markFrame,
  dtmf: dtmfFrame,
  stop: stopFrame,
} as const;

export type InboundEvent = keyof typeof INBOUND_FRAMES;
export type InboundFrame = { [K in InboundEvent]: z.infer<(typeof INBOUND_FRAMES)[K]> }[InboundEvent];
export type StartFrame = z.infer<typeof startFrame>;

export type FrameParse =
  | { ok: true; frame: InboundFrame }
  | { ok: false; ignored: true; event: string }
  | { ok: false; ignored: false; reason: string };

/** Parses one text frame: JSON, an `event` name, then that event's schema. */
export function parseInboundFrame(text: string): FrameParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, ignored: false, reason: 'invalid JSON' };
  }
  if (typeof json !== 'object' || json === null || typeof (json as { event?: unknown }).event !== 'string') {
    return { ok: false, ignored: false, reason: 'frame without an event name' };
  }
  const event = (json as { event: string }).event;
  if (!Object.hasOwn(INBOUND_FRAMES, event)) return { ok: false, ignored: true, event: event.slice(0, 32) };
  const parsed = INBOUND_FRAMES[event as InboundEvent].safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    return { ok: false, ignored: false, reason: `invalid ${event} frame${field ? ` at ${field}` : ''}` };
  }
  return { ok: true, frame: parsed.data as InboundFrame };
}

/** What we send back to Twilio on a bidirectional stream. */
export const outboundFrames = {
  media: (streamSid: string, audio: Uint8Array): string =>
    JSON.stringify({ event: 'media', streamSid, media: { payload: Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64') } }),
  mark: (streamSid: string, name: string): string => JSON.stringify({ event: 'mark', streamSid, mark: { name } }),
  clear: (streamSid: string): string => JSON.stringify({ event: 'clear', streamSid }),
};
