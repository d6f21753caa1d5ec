import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '@crowndesk/testing';
import { OpenAiRealtimeRecognizer } from '../src';
import { realtimeTranscriptionUrl } from '../src/realtime/realtime-url';

describe('realtimeTranscriptionUrl', () => {
  it.each([
    ['wss://api.openai.com/v1', 'wss://api.openai.com/v1/realtime?intent=transcription'],
    ['https://api.openai.com/v1', 'wss://api.openai.com/v1/realtime?intent=transcription'],
    ['http://127.0.0.1:8000/v1/', 'ws://127.0.0.1:8000/v1/realtime?intent=transcription'],
    ['ws://localhost:4000', 'ws://localhost:4000/realtime?intent=transcription'],
    ['https://gateway.example.test/openai/v1//', 'wss://gateway.example.test/openai/v1/realtime?intent=transcription'],
    [
      'https://gateway.example.test/v1?api-version=2025-08-28#frag',
      'wss://gateway.example.test/v1/realtime?api-version=2025-08-28&intent=transcription',
    ],
  ])('%s -> %s', (base, expected) => {
    expect(realtimeTranscriptionUrl(base).href).toBe(expected);
  });

  it('refuses a scheme that is neither http(s) nor ws(s)', () => {
    expect(() => realtimeTranscriptionUrl('ftp://api.openai.com/v1')).toThrow(/must be http\(s\) or ws\(s\), got ftp:/);
  });
});

describe('OpenAiRealtimeRecognizer options', () => {
  const logger = new RecordingLogger();

  it.each([
    [{ apiKey: '' }, /apiKey/],
    [{ apiKey: 'sk-secret-value', baseURL: 'ftp://api.openai.com/v1' }, /baseURL/],
    [{ apiKey: 'sk-secret-value', vad: { threshold: 1.5 } }, /vad\.threshold/],
    [{ apiKey: 'sk-secret-value', vad: { silenceDurationMs: 0 } }, /vad\.silenceDurationMs/],
    [{ apiKey: 'sk-secret-value', connectTimeoutMs: -1 }, /connectTimeoutMs/],
    [{ apiKey: 'sk-secret-value', maxBufferedAudioMs: 2.5 }, /maxBufferedAudioMs/],
  ])('rejects %j, naming the field and never the key', (options, field) => {
    let failure: Error | undefined;
    try {
      new OpenAiRealtimeRecognizer({ ...options, logger });
    } catch (error) {
      failure = error as Error;
    }
    expect(failure?.message).toMatch(/^Invalid OpenAiRealtimeRecognizer options/);
    expect(failure?.message).toMatch(field);
    expect(failure?.message).not.toContain('sk-secret-value');
  });
});
