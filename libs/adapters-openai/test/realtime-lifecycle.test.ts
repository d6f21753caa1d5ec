import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecognitionSession } from '@crowndesk/domain';
import { closeServer, listenOnLoopback, patternedFrames, RecordingLogger } from '@crowndesk/testing';
import { OpenAiRealtimeRecognizer, type OpenAiRealtimeRecognizerOptions } from '../src';
import { FakeRealtimeServer, REALTIME_API_KEY, drain, startSilentTcpServer, take } from './realtime-fake-openai';

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

async function openSession(options: Partial<OpenAiRealtimeRecognizerOptions> = {}, signal = new AbortController().signal) {
  const recognizer = new OpenAiRealtimeRecognizer({ apiKey: REALTIME_API_KEY, baseURL: server.baseURL, logger, ...options });
  const session = await recognizer.open({ callId: 'CA-life', signal });
  sessions.push(session);
  return session;
}

async function connectedSession(signal?: AbortSignal) {
  const session = await openSession({}, signal);
  const connection = await server.nextConnection();
  await connection.waitForMessages(1);
  return { session, connection };
}

const final = (itemId: string, transcript: string) => ({
  type: 'conversation.item.input_audio_transcription.completed',
  event_id: `evt_${itemId}`,
  item_id: itemId,
  content_index: 0,
  transcript,
});

describe('OpenAiRealtimeRecognizer: the server ends the session', () => {
  it('a normal close delivers what came before and ends the events without an error', async () => {
    const { session, connection } = await connectedSession();
    connection.emit(final('item_1', 'Goodbye.'));
    connection.close(1000);

    expect(await drain(session.events)).toEqual([{ type: 'final', text: 'Goodbye.' }]);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'info',
        fields: expect.objectContaining({ callId: 'CA-life', endedBy: 'server', utterances: 1 }),
        message: 'openai realtime session ended',
      }),
    );
  });

  it('an abnormal close code ends the events with an error', async () => {
    const { session, connection } = await connectedSession();
    connection.emit(final('item_1', 'Hello?'));
    connection.close(1011);

    expect(await drain(session.events)).toEqual([
      { type: 'final', text: 'Hello?' },
      { type: 'error', message: 'OpenAI realtime transcription: connection closed abnormally (code 1011)' },
    ]);
  });

  it('a dropped connection (no close frame) ends the events with an error', async () => {
    const { session, connection } = await connectedSession();
    connection.terminate();

    expect(await drain(session.events)).toEqual([
      { type: 'error', message: 'OpenAI realtime transcription: connection closed abnormally (code 1006)' },
    ]);
    // Audio after the end goes nowhere and does not throw.
    session.sendAudio(patternedFrames(1)[0] as Uint8Array);
  });
});

describe('OpenAiRealtimeRecognizer: we end the session', () => {
  it('close() closes the socket normally and ends a pending read', async () => {
    const { session, connection } = await connectedSession();
    const pending = take(session.events, 1).catch((error: Error) => error.message);

    await session.close();

    expect(await connection.closed).toBe(1000);
    expect(await pending).toBe('events ended after 0 of 1');
    expect(await drain(session.events)).toEqual([]);
    session.sendAudio(patternedFrames(1)[0] as Uint8Array);
    expect(connection.appendedAudio()).toEqual([]);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ fields: expect.objectContaining({ endedBy: 'us' }), message: 'openai realtime session ended' }),
    );
  });

  it('the call signal aborting does the same as close()', async () => {
    const call = new AbortController();
    const { session, connection } = await connectedSession(call.signal);
    const events = drain(session.events);

    call.abort();

    expect(await connection.closed).toBe(1000);
    expect(await events).toEqual([]);
  });

  it('close() while still connecting ends the events quietly', async () => {
    const release = server.holdHandshakes();
    const session = await openSession();
    session.sendAudio(patternedFrames(1)[0] as Uint8Array);

    await session.close();
    release();

    expect(await drain(session.events)).toEqual([]);
    expect(logger.entries.filter((entry) => entry.level === 'warn' || entry.level === 'error')).toEqual([]);
  });

  it('an already aborted call signal opens nothing', async () => {
    const call = new AbortController();
    call.abort();
    const session = await openSession({}, call.signal);
    session.sendAudio(patternedFrames(1)[0] as Uint8Array);

    expect(await drain(session.events)).toEqual([]);
    await session.close();
    // A live session opened afterwards is the first and only upgrade the server sees.
    await connectedSession();
    expect(server.upgrades).toHaveLength(1);
  });
});

describe('OpenAiRealtimeRecognizer: connecting fails', () => {
  it('times out against a server that accepts TCP and never answers the upgrade', async () => {
    const silent = await startSilentTcpServer();
    try {
      const session = await openSession({ baseURL: silent.baseURL, connectTimeoutMs: 200 });
      session.sendAudio(patternedFrames(1)[0] as Uint8Array);

      expect(await drain(session.events)).toEqual([
        { type: 'error', message: 'OpenAI realtime transcription: not connected within 200 ms' },
      ]);
      expect(logger.entries).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          fields: expect.objectContaining({ kind: 'connect_timeout', timeoutMs: 200 }),
          message: 'openai realtime session failed',
        }),
      );
    } finally {
      await silent.close();
    }
  });

  it('reports the HTTP status when the upgrade is refused (wrong API key)', async () => {
    const session = await openSession({ apiKey: 'sk-revoked' });

    expect(await drain(session.events)).toEqual([
      { type: 'error', message: 'OpenAI realtime transcription: connection refused with HTTP 401' },
    ]);
    expect(logger.dump()).not.toContain('sk-revoked');
  });

  it('reports the socket error code when nothing listens', async () => {
    const probe = createServer();
    const closedPort = await listenOnLoopback(probe);
    await closeServer(probe);
    const session = await openSession({ baseURL: `ws://127.0.0.1:${closedPort}/v1` });

    expect(await drain(session.events)).toEqual([
      { type: 'error', message: 'OpenAI realtime transcription: socket error (ECONNREFUSED)' },
    ]);
  });
});
