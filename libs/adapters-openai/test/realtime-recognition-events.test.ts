import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecognitionSession } from '@crowndesk/domain';
import { RecordingLogger } from '@crowndesk/testing';
import { OpenAiRealtimeRecognizer } from '../src';
import { FakeRealtimeServer, REALTIME_API_KEY, drain, take, type FakeClientConnection } from './realtime-fake-openai';

const SPOKEN = ["I'd like", 'to book', 'a cleaning', 'Tuesday', 'morning', 'date of birth', 'Delta Dental'];

let server: FakeRealtimeServer;
let logger: RecordingLogger;
let session: RecognitionSession;
let connection: FakeClientConnection;

beforeEach(async () => {
  server = await FakeRealtimeServer.start();
  logger = new RecordingLogger();
  const recognizer = new OpenAiRealtimeRecognizer({ apiKey: REALTIME_API_KEY, baseURL: server.baseURL, logger });
  session = await recognizer.open({ callId: 'CA-events', signal: new AbortController().signal });
  connection = await server.nextConnection();
  await connection.waitForMessages(1); // configured
});

afterEach(async () => {
  await session.close();
  await server.close();
  // Whatever happened, no caller words reach the logs.
  for (const words of SPOKEN) expect(logger.dump()).not.toContain(words);
});

const speechStarted = (itemId: string) => ({
  type: 'input_audio_buffer.speech_started',
  event_id: `evt_start_${itemId}`,
  item_id: itemId,
  audio_start_ms: 1200,
});
const delta = (itemId: string, text: string) => ({
  type: 'conversation.item.input_audio_transcription.delta',
  event_id: `evt_delta_${itemId}`,
  item_id: itemId,
  content_index: 0,
  delta: text,
});
const completed = (itemId: string, transcript: string) => ({
  type: 'conversation.item.input_audio_transcription.completed',
  event_id: `evt_done_${itemId}`,
  item_id: itemId,
  content_index: 0,
  transcript,
  usage: { type: 'duration', seconds: 2 },
});

describe('OpenAiRealtimeRecognizer: recognition events', () => {
  it('maps two overlapping utterances: speech starts, partials accumulated per item, trimmed finals', async () => {
    connection.emit(speechStarted('item_1'));
    connection.emit(delta('item_1', "I'd like"));
    connection.emit(delta('item_1', ' to book'));
    connection.emit({ type: 'input_audio_buffer.speech_stopped', event_id: 'evt_stop', item_id: 'item_1' });
    connection.emit({ type: 'input_audio_buffer.committed', event_id: 'evt_commit', item_id: 'item_1' });
    connection.emit(speechStarted('item_2'));
    connection.emit(delta('item_2', 'Tuesday'));
    connection.emit(delta('item_1', ' a cleaning'));
    connection.emit(completed('item_1', "I'd like to book a cleaning."));
    connection.emit(delta('item_2', ' morning'));
    connection.emit(completed('item_2', ' Tuesday morning, please. '));

    expect(await take(session.events, 9)).toEqual([
      { type: 'speech_started' },
      { type: 'partial', text: "I'd like" },
      { type: 'partial', text: "I'd like to book" },
      { type: 'speech_started' },
      { type: 'partial', text: 'Tuesday' },
      { type: 'partial', text: "I'd like to book a cleaning" },
      { type: 'final', text: "I'd like to book a cleaning." },
      { type: 'partial', text: 'Tuesday morning' },
      { type: 'final', text: 'Tuesday morning, please.' },
    ]);
  });

  it('skips blank partials and empty finals', async () => {
    connection.emit(speechStarted('item_3'));
    connection.emit(delta('item_3', ' '));
    connection.emit(completed('item_3', '   '));
    connection.emit(completed('item_4', 'Yes.'));

    expect(await take(session.events, 2)).toEqual([{ type: 'speech_started' }, { type: 'final', text: 'Yes.' }]);
  });

  it('logs a failed transcription by code only, forgets its partial text and keeps listening', async () => {
    connection.emit(delta('item_5', 'My date of birth'));
    connection.emit({
      type: 'conversation.item.input_audio_transcription.failed',
      event_id: 'evt_failed',
      item_id: 'item_5',
      content_index: 0,
      error: { type: 'transcription_error', code: 'audio_unintelligible', message: 'My date of birth is ...' },
    });
    // The server reuses nothing, but a stray delta for the failed item must start from scratch.
    connection.emit(delta('item_5', 'again'));
    connection.emit(completed('item_6', 'It is in March.'));

    expect(await take(session.events, 3)).toEqual([
      { type: 'partial', text: 'My date of birth' },
      { type: 'partial', text: 'again' },
      { type: 'final', text: 'It is in March.' },
    ]);
    expect(logger.entries).toContainEqual({
      level: 'warn',
      fields: { callId: 'CA-events', itemId: 'item_5', code: 'audio_unintelligible', errorType: 'transcription_error' },
      message: 'openai realtime could not transcribe an utterance',
    });
  });

  it('logs a passing server error and carries on', async () => {
    connection.emit({
      type: 'error',
      event_id: 'evt_err',
      error: {
        type: 'invalid_request_error',
        code: 'invalid_value',
        message: 'Invalid audio chunk: Delta Dental',
        param: 'audio',
        event_id: null,
      },
    });
    connection.emit(completed('item_7', 'Thanks.'));

    expect(await take(session.events, 1)).toEqual([{ type: 'final', text: 'Thanks.' }]);
    expect(logger.entries).toContainEqual({
      level: 'warn',
      fields: { callId: 'CA-events', code: 'invalid_value', errorType: 'invalid_request_error', param: 'audio', fatal: false },
      message: 'openai realtime reported an error',
    });
  });

  it('ends with an error event when the server refuses the session configuration, and closes the socket', async () => {
    connection.emit(completed('item_8', 'Hello.'));
    connection.emit({
      type: 'error',
      event_id: 'evt_err',
      error: {
        type: 'invalid_request_error',
        code: 'invalid_model',
        message: 'Model not supported',
        param: 'session.audio.input.transcription.model',
        event_id: 'crowndesk_session_update',
      },
    });

    expect(await drain(session.events)).toEqual([
      { type: 'final', text: 'Hello.' },
      { type: 'error', message: 'OpenAI realtime transcription: session failed (invalid_model)' },
    ]);
    expect(await connection.closed).toBe(1000);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        fields: expect.objectContaining({ callId: 'CA-events', kind: 'server_error', code: 'invalid_model' }),
        message: 'openai realtime session failed',
      }),
    );
  });

  it('ends with an error event when the session expires', async () => {
    connection.emit({
      type: 'error',
      event_id: 'evt_err',
      error: { type: 'invalid_request_error', code: 'session_expired', message: 'Your session hit the maximum duration.' },
    });

    expect(await drain(session.events)).toEqual([
      { type: 'error', message: 'OpenAI realtime transcription: session failed (session_expired)' },
    ]);
    expect(await connection.closed).toBe(1000);
  });

  it('ignores malformed and binary frames with a warning, and keeps listening', async () => {
    connection.sendRaw('not json at all');
    connection.sendRaw(JSON.stringify({ item_id: 'item_9' }));
    connection.sendRaw(JSON.stringify({ type: 'conversation.item.input_audio_transcription.completed', item_id: 9 }));
    connection.sendRaw(Buffer.from([1, 2, 3]));
    connection.emit(completed('item_10', 'Okay.'));

    expect(await take(session.events, 1)).toEqual([{ type: 'final', text: 'Okay.' }]);
    const warnings = logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.fields);
    expect(warnings).toEqual([
      { callId: 'CA-events', event: undefined },
      { callId: 'CA-events', event: undefined },
      { callId: 'CA-events', event: 'conversation.item.input_audio_transcription.completed' },
      { callId: 'CA-events' },
    ]);
  });

  it('keeps every event in order while the consumer lags far behind (the socket is paused, not dropped)', async () => {
    const count = 1_000; // well past the queue's high-water mark
    for (let index = 0; index < count; index += 1) connection.emit(delta('item_long', `${index} `));
    connection.emit(completed('item_long', 'done'));
    await vi.waitFor(() =>
      expect(logger.entries).toContainEqual({
        level: 'warn',
        fields: { callId: 'CA-events', queuedEvents: 256 },
        message: 'openai realtime events are not being read: socket paused',
      }),
      { timeout: 5_000 },
    );

    const events = await take(session.events, count + 1);
    const partials = events.slice(0, count).map((event) => (event.type === 'partial' ? event.text : event.type));
    expect(partials.at(0)).toBe('0');
    expect(partials.at(-1)?.endsWith(`${count - 2} ${count - 1}`)).toBe(true);
    expect(partials.every((text, index) => text.split(' ').length === index + 1)).toBe(true);
    expect(events.at(-1)).toEqual({ type: 'final', text: 'done' });
    expect(logger.entries.map((entry) => entry.message)).toContain('openai realtime socket resumed');
  });
});
