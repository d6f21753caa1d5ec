import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockThirdPartyHttp, patternedBytes, RecordingLogger, requestAborted } from '@crowndesk/testing';
import { ElevenLabsSpeechSynthesizer } from '../src';
import { ControlledAudioStream } from './support/controlled-audio-stream';
import { API_KEY, TTS_URL, VOICE_ID } from './support/elevenlabs-api';

const { server, requests } = mockThirdPartyHttp();

describe('ElevenLabsSpeechSynthesizer abort', () => {
  it('ends quietly on a mid-stream abort (barge-in) and aborts the request', async () => {
    // The body never ends by itself: only the abort can finish this iteration.
    const body = new ControlledAudioStream();
    server.use(http.post(TTS_URL, () => new HttpResponse(body.stream)));
    const logger = new RecordingLogger();
    const synthesizer = new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger });
    const caller = new AbortController();
    const received: Uint8Array[] = [];

    const iteration = (async () => {
      for await (const chunk of synthesizer.synthesize('Let me check Friday for you.', { signal: caller.signal })) {
        received.push(chunk);
        caller.abort();
      }
    })();
    body.send(patternedBytes(160, 1));

    await expect(iteration).resolves.toBeUndefined();
    expect(received).toEqual([patternedBytes(160, 1)]);
    await requestAborted(requests[0]);
    expect(logger.entries.filter((entry) => entry.level !== 'debug')).toEqual([]);
    expect(logger.messages()).toContain('elevenlabs tts aborted');
  });

  it('ends quietly when aborted while waiting for the response headers', async () => {
    let arrived = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    server.use(
      http.post(TTS_URL, () => {
        arrived();
        return new Promise<never>(() => {});
      }),
    );
    const synthesizer = new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger: new RecordingLogger() });
    const caller = new AbortController();

    const iteration = (async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of synthesizer.synthesize('Hello?', { signal: caller.signal })) chunks.push(chunk);
      return chunks;
    })();
    await requestArrived;
    caller.abort();

    await expect(iteration).resolves.toEqual([]);
    await requestAborted(requests[0]);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const synthesizer = new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger: new RecordingLogger() });
    const caller = new AbortController();
    caller.abort();
    const chunks: Uint8Array[] = [];
    for await (const chunk of synthesizer.synthesize('Hello?', { signal: caller.signal })) chunks.push(chunk);
    expect(chunks).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('releases the request when the consumer stops reading early', async () => {
    const body = new ControlledAudioStream();
    server.use(http.post(TTS_URL, () => new HttpResponse(body.stream)));
    const synthesizer = new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger: new RecordingLogger() });

    const iteration = (async () => {
      for await (const chunk of synthesizer.synthesize('A long answer.', { signal: new AbortController().signal })) {
        return chunk;
      }
      return undefined;
    })();
    body.send(patternedBytes(160, 7));

    await expect(iteration).resolves.toEqual(patternedBytes(160, 7));
    await requestAborted(requests[0]);
  });
});
