import { z } from 'zod';
import type { Logger } from '@crowndesk/domain';

/**
 * What the transcription model is told to expect. gpt-4o-transcribe takes free text; a short hint about the
 * setting and its vocabulary helps with words a general model mishears on a phone line.
 */
export const DENTAL_RECEPTIONIST_PROMPT =
  'A caller is phoning the front desk of a dental practice to book, move or cancel an appointment. ' +
  'Expect words such as cleaning, check-up, hygienist, filling, crown, root canal, extraction, implant, ' +
  'Invisalign, X-ray, toothache, new patient and dental insurance.';

/** Mu-law at 8 kHz is one byte per sample: 8 bytes per millisecond of call audio. */
export const MULAW_BYTES_PER_MS = 8;

const vadSchema = z.object({
  /** How loud speech must be to count (0 to 1); higher ignores more line noise. */
  threshold: z.number().min(0).max(1).default(0.5),
  /** Audio kept from before the detected start of speech, so the first syllable is not clipped. */
  prefixPaddingMs: z.number().int().min(0).default(300),
  /** Silence that ends an utterance: the floor of end-of-turn latency. */
  silenceDurationMs: z.number().int().positive().default(500),
});

const realtimeTunablesSchema = z.object({
  apiKey: z.string().min(1),
  /** OPENAI_BASE_URL; http(s) maps to ws(s). */
  baseURL: z.url({ protocol: /^(wss?|https?)$/ }).default('wss://api.openai.com/v1'),
  model: z.string().min(1).default('gpt-4o-transcribe'),
  language: z.string().min(2).default('en'),
  prompt: z.string().max(1_000).default(DENTAL_RECEPTIONIST_PROMPT),
  vad: vadSchema.prefault({}),
  /** TCP, TLS and the WebSocket upgrade together. */
  connectTimeoutMs: z.number().int().positive().default(5_000),
  /** Caller audio kept while connecting; beyond it the oldest audio is dropped. */
  maxBufferedAudioMs: z.number().int().positive().default(5_000),
});

export type OpenAiRealtimeRecognizerTunables = z.input<typeof realtimeTunablesSchema>;

export interface OpenAiRealtimeRecognizerOptions extends OpenAiRealtimeRecognizerTunables {
  logger: Logger;
}

export type RealtimeSettings = z.output<typeof realtimeTunablesSchema>;

export function resolveRealtimeSettings(tunables: OpenAiRealtimeRecognizerTunables): RealtimeSettings {
  const parsed = realtimeTunablesSchema.safeParse(tunables);
  if (!parsed.success) {
    // zod issues name the field and the rule, never the value: the API key cannot leak through here.
    throw new Error(`Invalid OpenAiRealtimeRecognizer options: ${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
