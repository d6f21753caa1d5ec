import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelEvent } from '@crowndesk/domain';
import { listenOnLoopback, RecordingLogger } from '@crowndesk/testing';
import { OpenAiLanguageModel } from '../src';
import {
  finishChunk,
  sseEvent,
  textChunk,
  toolCallArguments,
  toolCallStart,
  usageChunk,
} from './support/chat-completions-stream';
import { collect, userTurn } from './support/model-requests';

/**
 * The same adapter against a real HTTP server on loopback, through Node's own fetch (undici): the transport
 * production uses, which msw replaces in the other tests.
 */
interface LoopbackOpenAi {
  baseURL: string;
  connections: number;
  /** Resolves when the client closes the response of request number `n` (0-based) before it ended. */
  closedEarly(n: number): Promise<void>;
  close(): Promise<void>;
}

type Respond = (response: ServerResponse, request: IncomingMessage) => void;

async function startLoopbackOpenAi(respond: Respond): Promise<LoopbackOpenAi> {
  const closedEarly: Promise<void>[] = [];
  const state = { connections: 0 };
  const server: Server = createServer((request, response) => {
    closedEarly.push(
      new Promise((resolve) => response.on('close', () => (response.writableEnded ? undefined : resolve()))),
    );
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.flushHeaders();
      respond(response, request);
    });
  });
  server.on('connection', () => {
    state.connections += 1;
  });
  const port = await listenOnLoopback(server);
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    get connections() {
      return state.connections;
    },
    closedEarly: (n) => closedEarly[n] ?? Promise.reject(new Error(`request ${n} never arrived`)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let openAi: LoopbackOpenAi | undefined;
afterEach(async () => {
  await openAi?.close();
  openAi = undefined;
});

describe('OpenAiLanguageModel over a real socket', () => {
  it('streams text and an assembled tool call, and keeps one connection alive across turns', async () => {
    openAi = await startLoopbackOpenAi((response) => {
      response.write(sseEvent(textChunk('One moment.')));
      response.write(sseEvent(toolCallStart(0, 'call_1', 'find_slots', '{"appointment')));
      response.write(sseEvent(toolCallArguments(0, 'Type":"CLEAN"}')));
      response.write(sseEvent(finishChunk('tool_calls')));
      response.write(sseEvent(usageChunk(100, 20)));
      response.end(sseEvent('[DONE]'));
    });
    const model = new OpenAiLanguageModel({ apiKey: 'local', baseURL: openAi.baseURL, logger: new RecordingLogger() });

    const expected: ModelEvent[] = [
      { type: 'text', text: 'One moment.' },
      { type: 'tool_call', call: { id: 'call_1', name: 'find_slots', arguments: '{"appointmentType":"CLEAN"}' } },
    ];
    for (let turn = 0; turn < 3; turn += 1) {
      expect(await collect(model, userTurn('A cleaning, please.'))).toEqual(expected);
      // Turns are seconds apart on a call; undici returns the socket to its pool on the next macrotask.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(openAi.connections).toBe(1);
  });

  it('closes the response mid-stream when the caller barges in, and ends quietly', async () => {
    const server = await startLoopbackOpenAi((response) => {
      // Never ends on its own.
      response.write(sseEvent(textChunk('Our hours are')));
    });
    openAi = server;
    const model = new OpenAiLanguageModel({ apiKey: 'local', baseURL: server.baseURL, logger: new RecordingLogger() });
    const caller = new AbortController();

    const events: ModelEvent[] = [];
    for await (const event of model.stream(userTurn('When are you open?', caller.signal))) {
      events.push(event);
      caller.abort();
    }

    expect(events).toEqual([{ type: 'text', text: 'Our hours are' }]);
    await server.closedEarly(0);
  });
});
