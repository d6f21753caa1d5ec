import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '@crowndesk/domain';
import { mockThirdPartyHttp, RecordingLogger } from '@crowndesk/testing';
import { OpenAiLanguageModel } from '../src';
import { ControlledStream, textChunk, toolCallStart } from './support/chat-completions-stream';
import { API_KEY, OPENAI_CHAT_URL } from './support/openai-api';
import { userTurn } from './support/model-requests';

const { server, requests } = mockThirdPartyHttp();

/** Resolves when msw sees the client abort the request. */
function requestAborted(request: Request | undefined): Promise<void> {
  if (!request) throw new Error('no request was sent');
  if (request.signal.aborted) return Promise.resolve();
  return new Promise((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
}

describe('OpenAiLanguageModel abort', () => {
  it('ends the iteration quietly on a mid-stream abort, drops pending tool calls and aborts the request', async () => {
    // The stream never ends by itself: only the abort can finish this turn (else the test times out).
    const stream = new ControlledStream();
    server.use(http.post(OPENAI_CHAT_URL, stream.response));
    const logger = new RecordingLogger();
    const model = new OpenAiLanguageModel({ apiKey: API_KEY, logger });
    const caller = new AbortController();
    const events: ModelEvent[] = [];

    const iteration = (async () => {
      for await (const event of model.stream(userTurn('Can I come in Friday?', caller.signal))) {
        events.push(event);
        if (event.type === 'text') {
          // The caller barges in while a tool call is half streamed.
          stream.send(toolCallStart(0, 'call_1', 'find_slots', '{"da'));
          caller.abort();
        }
      }
    })();
    await stream.requested;
    stream.send(textChunk('Let me look at Friday'));

    await expect(iteration).resolves.toBeUndefined();
    expect(events).toEqual([{ type: 'text', text: 'Let me look at Friday' }]);
    await requestAborted(requests[0]);
    expect(logger.entries.map((entry) => [entry.level, entry.message])).toEqual([
      ['debug', 'openai completion aborted'],
    ]);
  });

  it('ends quietly while still waiting for response headers', async () => {
    let requestArrived = () => {};
    const arrived = new Promise<void>((resolve) => {
      requestArrived = resolve;
    });
    server.use(
      http.post(OPENAI_CHAT_URL, () => {
        requestArrived();
        return new Promise<never>(() => {});
      }),
    );
    const model = new OpenAiLanguageModel({ apiKey: API_KEY, logger: new RecordingLogger() });
    const caller = new AbortController();

    const iteration = (async () => {
      const events: ModelEvent[] = [];
      for await (const event of model.stream(userTurn('Hello?', caller.signal))) events.push(event);
      return events;
    })();
    await arrived;
    caller.abort();

    await expect(iteration).resolves.toEqual([]);
    await requestAborted(requests[0]);
  });

  it('sends nothing when the turn was aborted before it started', async () => {
    const model = new OpenAiLanguageModel({ apiKey: API_KEY, logger: new RecordingLogger() });
    const caller = new AbortController();
    caller.abort();

    const events: ModelEvent[] = [];
    for await (const event of model.stream(userTurn('Hello?', caller.signal))) events.push(event);

    expect(events).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('aborts the request when the consumer stops reading', async () => {
    const stream = new ControlledStream();
    server.use(http.post(OPENAI_CHAT_URL, stream.response));
    const model = new OpenAiLanguageModel({ apiKey: API_KEY, logger: new RecordingLogger() });

    const iteration = (async () => {
      for await (const event of model.stream(userTurn('What are your hours?'))) {
        if (event.type === 'text') return event.text;
      }
      return undefined;
    })();
    await stream.requested;
    stream.send(textChunk('We open at 8.'));

    await expect(iteration).resolves.toBe('We open at 8.');
    await requestAborted(requests[0]);
  });
});
