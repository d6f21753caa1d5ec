import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecognitionSession } from '@crowndesk/domain';
import { patternedFrames, RecordingLogger } from '@crowndesk/testing';
import { DENTAL_RECEPTIONIST_PROMPT, OpenAiRealtimeRecognizer } from '../src';
import { FakeRealtimeServer, REALTIME_API_KEY } from './realtime-fake-openai';

let server: FakeRealtimeServer;
let logger: RecordingLogger;
const sessions: RecognitionSession[] = [];

beforeEach(async () => {
  server = await FakeRealtimeServer.start();
  logger = new RecordingLogger();
});

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((session) => session.close()));
  await server.close();
});

async function openSession(options: Partial<ConstructorParameters<typeof OpenAiRealtimeRecognizer>[0]> = {}) {
  const recognizer = new OpenAiRealtimeRecognizer({
    apiKey: REALTIME_API_KEY,
    baseURL: server.baseURL,
    logger,
    ...options,
  });
  const session = await recognizer.open({ callId: 'CA-setup', signal: new AbortController().signal });
  sessions.push(session);
  return session;
}

describe('OpenAiRealtimeRecognizer: connecting and configuring', () => {
  it('upgrades to <base>/realtime?intent=transcription with a bearer key and no beta header', async () => {
    await openSession();
    await server.nextConnection();

    expect(server.upgrades).toHaveLength(1);
    const [upgrade] = server.upgrades;
    expect(upgrade?.url).toBe('/v1/realtime?intent=transcription');
    expect(upgrade?.headers.authorization).toBe(`Bearer ${REALTIME_API_KEY}`);
    expect(upgrade?.headers['openai-beta']).toBeUndefined();
  });

  it('configures a GA transcription session for mu-law with server VAD, before any audio', async () => {
    const session = await openSession();
    session.sendAudio(patternedFrames(1)[0] as Uint8Array);
    const connection = await server.nextConnection();
    const [first, second] = await connection.waitForMessages(2);

    expect(first).toEqual({
      type: 'session.update',
      event_id: 'crowndesk_session_update',
      session: {
        type: 'transcription',
        audio: {
          input: {
            format: { type: 'audio/pcmu' },
            transcription: { model: 'gpt-4o-transcribe', language: 'en', prompt: DENTAL_RECEPTIONIST_PROMPT },
            turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
            noise_reduction: { type: 'near_field' },
          },
        },
      },
    });
    expect(second?.type).toBe('input_audio_buffer.append');
  });

  it('sends the configured model, language, prompt and VAD tuning', async () => {
    await openSession({
      model: 'gpt-4o-mini-transcribe',
      language: 'es',
      prompt: 'Consultorio dental: limpieza, corona, extracción.',
      vad: { threshold: 0.7, prefixPaddingMs: 200, silenceDurationMs: 650 },
    });
    const connection = await server.nextConnection();
    const [update] = await connection.waitForMessages(1);

    expect(update?.['session']).toMatchObject({
      audio: {
        input: {
          transcription: {
            model: 'gpt-4o-mini-transcribe',
            language: 'es',
            prompt: 'Consultorio dental: limpieza, corona, extracción.',
          },
          turn_detection: { type: 'server_vad', threshold: 0.7, prefix_padding_ms: 200, silence_duration_ms: 650 },
        },
      },
    });
  });

  it('reaches the endpoint through an http base URL (OPENAI_BASE_URL) mapped to ws', async () => {
    await openSession({ baseURL: `http://127.0.0.1:${server.port}/v1/` });
    const connection = await server.nextConnection();
    const [update] = await connection.waitForMessages(1);

    expect(server.upgrades[0]?.url).toBe('/v1/realtime?intent=transcription');
    expect(update?.type).toBe('session.update');
  });
});

describe('OpenAiRealtimeRecognizer: caller audio', () => {
  it('appends the exact bytes as base64, in order, including audio sent while still connecting', async () => {
    const release = server.holdHandshakes();
    const chunks = patternedFrames(5);
    const session = await openSession();
    // The handshake is held: these three can only be buffered.
    for (const chunk of chunks.slice(0, 3)) session.sendAudio(chunk);
    release();
    const connection = await server.nextConnection();
    await connection.waitForMessages(4);
    for (const chunk of chunks.slice(3)) session.sendAudio(chunk);
    const messages = await connection.waitForMessages(6);

    expect(messages.map((message) => message.type)).toEqual([
      'session.update',
      ...Array(5).fill('input_audio_buffer.append'),
    ]);
    expect(messages[1]).toEqual({
      type: 'input_audio_buffer.append',
      audio: Buffer.from(chunks[0] as Uint8Array).toString('base64'),
    });
    expect(connection.appendedAudio()).toEqual(chunks.map((chunk) => Buffer.from(chunk)));
  });

  it('sends a view of a larger buffer as exactly its own bytes, and skips empty chunks', async () => {
    const session = await openSession();
    const connection = await server.nextConnection();
    await connection.waitForMessages(1);
    const frame = Uint8Array.from({ length: 400 }, (_, index) => index % 256);
    session.sendAudio(new Uint8Array(0));
    session.sendAudio(frame.subarray(100, 260));
    await connection.waitForMessages(2);

    expect(connection.appendedAudio()).toEqual([Buffer.from(frame.subarray(100, 260))]);
  });

  it('keeps a buffer copy while connecting, so a reused frame buffer does not change what is sent', async () => {
    const release = server.holdHandshakes();
    const session = await openSession();
    const frame = new Uint8Array(160).fill(0x7f);
    session.sendAudio(frame);
    frame.fill(0x00);
    session.sendAudio(frame);
    release();
    const connection = await server.nextConnection();
    await connection.waitForMessages(3);

    expect(connection.appendedAudio()).toEqual([Buffer.alloc(160, 0x7f), Buffer.alloc(160, 0x00)]);
  });

  it('bounds the audio held while connecting: the oldest is dropped with one warning', async () => {
    const release = server.holdHandshakes();
    const chunks = patternedFrames(10); // 200 ms
    const session = await openSession({ maxBufferedAudioMs: 100 }); // room for 5 chunks of 20 ms
    for (const chunk of chunks) session.sendAudio(chunk);
    release();
    const connection = await server.nextConnection();
    await connection.waitForMessages(6);

    expect(connection.appendedAudio()).toEqual(chunks.slice(5).map((chunk) => Buffer.from(chunk)));
    const warnings = logger.entries.filter((entry) => entry.level === 'warn');
    expect(warnings).toEqual([
      {
        level: 'warn',
        fields: { callId: 'CA-setup', maxBufferedAudioMs: 100 },
        message: 'openai realtime still connecting: dropping the oldest caller audio',
      },
    ]);
    const connected = logger.entries.find((entry) => entry.message === 'openai realtime transcription connected');
    expect(connected?.fields).toMatchObject({ callId: 'CA-setup', heldAudioChunks: 5, droppedAudioBytes: 800 });
  });
});
