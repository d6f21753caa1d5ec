import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockThirdPartyHttp, patternedBytes, RecordingLogger } from '@crowndesk/testing';
import { ElevenLabsSpeechSynthesizer } from '../src';
import { ControlledAudioStream } from './support/controlled-audio-stream';
import { API_KEY, TTS_URL, VOICE_ID } from './support/elevenlabs-api';

const { server } = mockThirdPartyHttp();

function synthesizer(): ElevenLabsSpeechSynthesizer {
  return new ElevenLabsSpeechSynthesizer({ apiKey: API_KEY, voiceId: VOICE_ID, logger: new RecordingLogger() });
}

/** A 44-byte WAV header (RIFF, fmt, data), as some endpoints prepend to mu-law audio. */
function wavHeader(): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(0xffffffff, 4); // streaming: size unknown
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(7, 20); // format 7: mu-law
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(0xffffffff, 40);
  return header;
}

describe('ElevenLabsSpeechSynthesizer streaming', () => {
  it('yields each chunk as it arrives, before the response is complete', async () => {
    const body = new ControlledAudioStream();
    server.use(http.post(TTS_URL, () => new HttpResponse(body.stream, { headers: { 'content-type': 'audio/basic' } })));
    const chunks = synthesizer().synthesize('Thanks for calling Bright Smile.', { signal: new AbortController().signal });
    const iterator = chunks[Symbol.asyncIterator]();

    // Only the first chunk exists until the consumer has it: buffering the clip would hang here.
    const first = iterator.next();
    body.send(patternedBytes(160, 1));
    expect(await first).toEqual({ done: false, value: patternedBytes(160, 1) });

    const second = iterator.next();
    body.send(patternedBytes(160, 2));
    expect(await second).toEqual({ done: false, value: patternedBytes(160, 2) });

    const third = iterator.next();
    body.send(patternedBytes(80, 3));
    expect(await third).toEqual({ done: false, value: patternedBytes(80, 3) });

    const end = iterator.next();
    body.end();
    expect(await end).toEqual({ done: true, value: undefined });
  });

  it('drops a WAV container header so only raw mu-law reaches the call', async () => {
    const body = new ControlledAudioStream();
    server.use(http.post(TTS_URL, () => new HttpResponse(body.stream)));
    const iterator = synthesizer().synthesize('Hello.', { signal: new AbortController().signal })[Symbol.asyncIterator]();

    const first = iterator.next();
    body.send(new Uint8Array(Buffer.concat([wavHeader(), patternedBytes(100, 4)])));
    expect(await first).toEqual({ done: false, value: patternedBytes(100, 4) });
    const second = iterator.next();
    body.send(patternedBytes(50, 5));
    expect(await second).toEqual({ done: false, value: patternedBytes(50, 5) });
    body.end();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
