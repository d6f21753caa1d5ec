import type { SynthesizerConfig } from './synthesizer-options';

/** G.711 mu-law at 8 kHz: what Twilio media streams carry, so the audio goes out untouched. */
export const TELEPHONY_OUTPUT_FORMAT = 'ulaw_8000';

export interface TtsRequest {
  url: string;
  init: RequestInit & { method: 'POST'; headers: Record<string, string>; body: string };
}

/** `POST /v1/text-to-speech/{voice_id}/stream?output_format=ulaw_8000` (ElevenLabs OpenAPI). */
export function ttsRequest(config: SynthesizerConfig, text: string, signal: AbortSignal): TtsRequest {
  const url = new URL(`${config.baseUrl}/v1/text-to-speech/${encodeURIComponent(config.voiceId)}/stream`);
  url.searchParams.set('output_format', TELEPHONY_OUTPUT_FORMAT);
  return {
    url: url.toString(),
    init: {
      method: 'POST',
      headers: { 'xi-api-key': config.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        text,
        model_id: config.modelId,
        voice_settings: { stability: config.stability, similarity_boost: config.similarityBoost },
      }),
      signal,
    },
  };
}
