import { z } from 'zod';
import type { Logger } from '@crowndesk/domain';

/** Flash v2.5: ~75 ms model time, the lowest-latency ElevenLabs model (models.mdx). */
export const DEFAULT_TTS_MODEL = 'eleven_flash_v2_5';
export const DEFAULT_ELEVENLABS_BASE_URL = 'https://api.elevenlabs.io';

const unitInterval = z.number().min(0).max(1);

export const synthesizerOptionsSchema = z.object({
  apiKey: z.string().trim().min(1, 'an ElevenLabs API key is required'),
  voiceId: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'a voice id is letters, digits, _ and -'),
  modelId: z.string().trim().min(1).max(100).default(DEFAULT_TTS_MODEL),
  /** ElevenLabs' own defaults: stability 0.5, similarity_boost 0.75. */
  stability: unitInterval.default(0.5),
  similarityBoost: unitInterval.default(0.75),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .default(DEFAULT_ELEVENLABS_BASE_URL)
    .transform((url) => url.replace(/\/+$/, '')),
  /** Longest wait for the response headers, and for each next audio chunk, before giving up. */
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  logger: z.custom<Logger>(
    (value) => typeof value === 'object' && value !== null && typeof (value as Logger).warn === 'function',
    'a Logger is required',
  ),
});

export type ElevenLabsSpeechSynthesizerOptions = z.input<typeof synthesizerOptionsSchema>;
export type SynthesizerConfig = z.output<typeof synthesizerOptionsSchema>;
