import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockThirdPartyHttp, patternedBytes, RecordingLogger, requestAborted } from '@crowndesk/testing';
import { ElevenLabsSpeechSynthesizer, SpeechSynthesisError } from '../src';
import { ControlledAudioStream } from './support/controlled-audio-stream';
import { API_KEY, TTS_URL, VOICE_ID } from './support/elevenlabs-api';

const { server, requests } = mockThirdPartyHttp();

const SECRET_TEXT = 'Maria Gonzalez, your appointment on April 12';

async function failureOf(synthesizer: ElevenLabsSpeechSynthesizer, text = SECRET_TEXT): Promise<{ error: SpeechSynthesisError; chunks: Uint8Array[] }> {
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of synthesizer.synthesize(text, { signal: new AbortController().signal })) chunks.push(chunk);
  } catch (error) {
    if (error instanceof SpeechSynthesisError) return { error, chunks };
    throw error;
  }
  throw new Error('synthesis did not fail');
}

function synthesizer(logger = new RecordingLogger(), timeoutMs?: number): ElevenLabsSpeechSynthesizer {
  return new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger, ...(timeoutMs ? { timeoutMs } : {}) });
}

describe('ElevenLabsSpeechSynthesizer errors', () => {
  it('throws on 401 with the status and ElevenLabs code, never the text, and logs a warning', async () => {
    server.use(
      http.post(TTS_URL, () =>
        HttpResponse.json({ detail: { status: 'invalid_api_key', message: 'Invalid API key' } }, { status: 401, headers: { 'request-id': 'req_123' } }),
      ),
    );
    const logger = new RecordingLogger();

    const { error } = await failureOf(synthesizer(logger));

    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_api_key');
    expect(error.requestId).toBe('req_123');
    expect(error.transient).toBe(false);
    expect(error.message).toContain('HTTP 401 (invalid_api_key)');
    expect(error.message).toContain(VOICE_ID);
    expect(error.message).not.toContain('Maria');
    expect(logger.entries.find((entry) => entry.level === 'warn')?.fields).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(logger.dump()).not.toContain('Maria');
  });

  it('keeps only the validation code of a 422, whose body quotes the input', async () => {
    server.use(
      http.post(TTS_URL, () =>
        HttpResponse.json(
          { detail: [{ type: 'string_too_long', loc: ['body', 'text'], msg: 'too long', input: SECRET_TEXT }] },
          { status: 422 },
        ),
      ),
    );

    const { error } = await failureOf(synthesizer());

    expect(error.status).toBe(422);
    expect(error.code).toBe('string_too_long');
    expect(error.message).not.toContain('Maria');
  });

  it('throws once on 429 without retrying: one request per synthesis', async () => {
    server.use(
      http.post(TTS_URL, () =>
        HttpResponse.json({ detail: { status: 'too_many_concurrent_requests', message: 'busy' } }, { status: 429 }),
      ),
    );
    const tts = synthesizer();

    const first = await failureOf(tts);
    const second = await failureOf(tts);

    expect(first.error.status).toBe(429);
    expect(first.error.code).toBe('too_many_concurrent_requests');
    expect(first.error.transient).toBe(true);
    expect(second.error.status).toBe(429);
    expect(requests).toHaveLength(2);
  });

  it('throws on 500 with a non-JSON body', async () => {
    server.use(http.post(TTS_URL, () => new HttpResponse('upstream exploded', { status: 500 })));

    const { error } = await failureOf(synthesizer());

    expect(error.status).toBe(500);
    expect(error.code).toBeUndefined();
    expect(error.transient).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('throws a network failure when the connection fails', async () => {
    server.use(http.post(TTS_URL, () => HttpResponse.error()));

    const { error } = await failureOf(synthesizer());

    expect(error.status).toBe('network');
    expect(error.cause).toBeDefined();
    expect(requests).toHaveLength(1);
  });

  it('times out when the response headers never come, and aborts the request', async () => {
    server.use(http.post(TTS_URL, () => new Promise<never>(() => {})));

    const { error, chunks } = await failureOf(synthesizer(new RecordingLogger(), 150));

    expect(error.status).toBe('timeout');
    expect(chunks).toEqual([]);
    await requestAborted(requests[0]);
  });

  it('times out when the audio stalls mid-stream, after yielding what arrived', async () => {
    const body = new ControlledAudioStream();
    server.use(http.post(TTS_URL, () => new HttpResponse(body.stream)));
    const pending = failureOf(synthesizer(new RecordingLogger(), 150));
    body.send(patternedBytes(160, 1));

    const { error, chunks } = await pending;

    expect(error.status).toBe('timeout');
    expect(chunks).toEqual([patternedBytes(160, 1)]);
    await requestAborted(requests[0]);
  });
});
