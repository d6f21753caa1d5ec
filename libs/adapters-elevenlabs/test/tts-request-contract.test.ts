import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockThirdPartyHttp, patternedBytes, RecordingLogger } from '@crowndesk/testing';
import { ElevenLabsSpeechSynthesizer } from '../src';
import { API_KEY, TTS_URL, VOICE_ID } from './support/elevenlabs-api';

const { server, requests } = mockThirdPartyHttp();

async function collect(iterable: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

describe('ElevenLabsSpeechSynthesizer request', () => {
  it('POSTs the text to the streaming endpoint for mu-law 8 kHz with the key, Flash v2.5 and the voice settings', async () => {
    server.use(http.post(TTS_URL, () => new HttpResponse(patternedBytes(320, 1), { headers: { 'content-type': 'audio/basic' } })));
    const synthesizer = new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger: new RecordingLogger() });

    const chunks = await collect(synthesizer.synthesize('Your cleaning is booked for Monday at nine.', { signal: new AbortController().signal }));

    expect(Buffer.concat(chunks)).toEqual(Buffer.from(patternedBytes(320, 1)));
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`https://api.elevenlabs.io/v1/text-to-speech/${VOICE_ID}/stream?output_format=ulaw_8000`);
    expect(request.headers.get('xi-api-key')).toBe(API_KEY);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.clone().json()).toEqual({
      text: 'Your cleaning is booked for Monday at nine.',
      model_id: 'eleven_flash_v2_5',
      voice_settings: { stability: 0.5, similarity_boost: 0.75 },
    });
  });

  it('uses the configured model, voice settings and base URL', async () => {
    const url = `https://api.eu.residency.elevenlabs.io/v1/text-to-speech/${VOICE_ID}/stream`;
    server.use(http.post(url, () => new HttpResponse(patternedBytes(10, 2))));
    const synthesizer = new ElevenLabsSpeechSynthesizer({
      apiKey: API_KEY,
      voiceId: VOICE_ID,
      modelId: 'eleven_turbo_v2_5',
      stability: 0.3,
      similarityBoost: 0.9,
      baseUrl: 'https://api.eu.residency.elevenlabs.io/',
      logger: new RecordingLogger(),
    });

    await collect(synthesizer.synthesize('Hello.', { signal: new AbortController().signal }));

    expect(requests[0]?.url).toBe(`${url}?output_format=ulaw_8000`);
    expect(await requests[0]?.clone().json()).toEqual({
      text: 'Hello.',
      model_id: 'eleven_turbo_v2_5',
      voice_settings: { stability: 0.3, similarity_boost: 0.9 },
    });
  });

  it('sends nothing for blank text', async () => {
    const synthesizer = new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger: new RecordingLogger() });
    expect(await collect(synthesizer.synthesize('   ', { signal: new AbortController().signal }))).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('logs ids and sizes but never the text', async () => {
    server.use(http.post(TTS_URL, () => new HttpResponse(patternedBytes(64, 3))));
    const logger = new RecordingLogger();
    const synthesizer = new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger });

    await collect(synthesizer.synthesize('Maria Gonzalez, born April 12 1985', { signal: new AbortController().signal }));

    expect(logger.messages()).toEqual(['elevenlabs tts started', 'elevenlabs tts finished']);
    expect(logger.entries[1]?.fields).toMatchObject({ voiceId: VOICE_ID, bytes: 64, chunks: 1, characters: 34 });
    expect(logger.dump()).not.toContain('Maria');
    expect(logger.dump()).not.toContain(API_KEY);
  });

  it('refuses invalid options at construction', () => {
    const logger = new RecordingLogger();
    expect(() => new ElevenLabsSpeechSynthesizer({ apiKey: '', voiceId: VOICE_ID, logger })).toThrow(/API key/);
    expect(() => new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: '../voices', logger })).toThrow(/voice id/);
    expect(() => new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, stability: 2, logger })).toThrow();
  });
});
