import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockThirdPartyHttp, RecordingLogger } from '@crowndesk/testing';
import { OpenAiLanguageModel } from '../src';
import {
  chunk,
  ControlledStream,
  finishChunk,
  sseResponse,
  textChunk,
  toolCallArguments,
  toolCallStart,
  usageChunk,
} from './support/chat-completions-stream';
import { API_KEY, OPENAI_CHAT_URL } from './support/openai-api';
import { collect, userTurn } from './support/model-requests';

const { server } = mockThirdPartyHttp();

function respondWith(chunks: unknown[], options: { done?: boolean } = {}): void {
  server.use(http.post(OPENAI_CHAT_URL, () => sseResponse(chunks, options)));
}

function newModel(logger = new RecordingLogger()): OpenAiLanguageModel {
  return new OpenAiLanguageModel({ apiKey: API_KEY, logger });
}

describe('OpenAiLanguageModel streaming text', () => {
  it('yields one text event per non-empty delta, in order, skipping the role chunk and empty deltas', async () => {
    respondWith([
      chunk({ role: 'assistant', content: '' }),
      textChunk('We have'),
      textChunk(' an opening'),
      chunk({ content: null }),
      textChunk(' at 10 AM'),
      textChunk('.'),
      finishChunk('stop'),
      usageChunk(412, 9),
    ]);

    const events = await collect(newModel(), userTurn('Do you have anything Tuesday?'));

    expect(events).toEqual([
      { type: 'text', text: 'We have' },
      { type: 'text', text: ' an opening' },
      { type: 'text', text: ' at 10 AM' },
      { type: 'text', text: '.' },
    ]);
  });

  it('hands the first words to the caller before the rest of the answer exists', async () => {
    const stream = new ControlledStream();
    server.use(http.post(OPENAI_CHAT_URL, stream.response));
    const events = newModel().stream(userTurn('Are you open Saturday?'))[Symbol.asyncIterator]();

    const first = events.next();
    await stream.requested;
    // Only the first delta exists on the wire: the event must not wait for more.
    stream.send(textChunk('Yes,'));
    expect(await first).toEqual({ done: false, value: { type: 'text', text: 'Yes,' } });

    stream.send(textChunk(' from 9 to 1.'));
    expect(await events.next()).toEqual({ done: false, value: { type: 'text', text: ' from 9 to 1.' } });

    stream.send(finishChunk('stop'));
    stream.end();
    expect(await events.next()).toEqual({ done: true, value: undefined });
  });
});

describe('OpenAiLanguageModel streaming tool calls', () => {
  it('assembles two interleaved tool calls, each split across several fragments, after the text before them', async () => {
    respondWith([
      textChunk('One moment'),
      textChunk(' while I check.'),
      toolCallStart(0, 'call_A', 'find_slots'),
      toolCallArguments(0, '{"appoint'),
      toolCallStart(1, 'call_B', 'lookup_patient'),
      toolCallArguments(0, 'mentType":'),
      toolCallArguments(1, '{"lastName":"Ri'),
      toolCallArguments(0, '"CLEAN","date":'),
      toolCallArguments(1, 'vera","dateOfBirth":'),
      toolCallArguments(0, '"2026-03-03"}'),
      toolCallArguments(1, '"1985-04-12"}'),
      finishChunk('tool_calls'),
      usageChunk(530, 61),
    ]);

    const events = await collect(newModel(), userTurn('A cleaning on Tuesday, I am Ana Rivera.'));

    expect(events).toEqual([
      { type: 'text', text: 'One moment' },
      { type: 'text', text: ' while I check.' },
      {
        type: 'tool_call',
        call: { id: 'call_A', name: 'find_slots', arguments: '{"appointmentType":"CLEAN","date":"2026-03-03"}' },
      },
      {
        type: 'tool_call',
        call: { id: 'call_B', name: 'lookup_patient', arguments: '{"lastName":"Rivera","dateOfBirth":"1985-04-12"}' },
      },
    ]);
  });

  it('passes malformed argument text through byte for byte (the domain validates it)', async () => {
    const malformed = '{"appointmentType": "CLEAN", "date": 2026-03-03,,';
    respondWith([
      toolCallStart(0, 'call_bad', 'find_slots'),
      toolCallArguments(0, malformed.slice(0, 20)),
      toolCallArguments(0, malformed.slice(20)),
      finishChunk('tool_calls'),
    ]);

    const events = await collect(newModel(), userTurn('Tuesday please.'));

    expect(events).toEqual([{ type: 'tool_call', call: { id: 'call_bad', name: 'find_slots', arguments: malformed } }]);
  });

  it('accepts whole calls in one fragment each, including servers that reuse index 0 with distinct ids', async () => {
    respondWith([
      toolCallStart(0, 'call_1', 'find_slots', '{"appointmentType":"CLEAN"}'),
      toolCallStart(0, 'call_2', 'lookup_patient', '{}'),
      finishChunk('tool_calls'),
    ]);

    const events = await collect(newModel(), userTurn('Cleaning, please.'));

    expect(events).toEqual([
      { type: 'tool_call', call: { id: 'call_1', name: 'find_slots', arguments: '{"appointmentType":"CLEAN"}' } },
      { type: 'tool_call', call: { id: 'call_2', name: 'lookup_patient', arguments: '{}' } },
    ]);
  });

  it('still delivers tool calls when the stream ends without a finish reason or [DONE]', async () => {
    respondWith(
      [
        toolCallStart(0, 'call_1', 'find_slots', '{"appointment'),
        toolCallArguments(0, 'Type":"CLEAN"}'),
      ],
      { done: false },
    );

    const events = await collect(newModel(), userTurn('Cleaning, please.'));

    expect(events).toEqual([
      { type: 'tool_call', call: { id: 'call_1', name: 'find_slots', arguments: '{"appointmentType":"CLEAN"}' } },
    ]);
  });
});

describe('OpenAiLanguageModel logging', () => {
  it('ignores a usage report it cannot read instead of failing the turn', async () => {
    respondWith([textChunk('Hello.'), finishChunk('stop'), { choices: [], usage: { prompt_tokens: 'many' } }]);
    const logger = new RecordingLogger();

    expect(await collect(newModel(logger), userTurn('Hi'))).toEqual([{ type: 'text', text: 'Hello.' }]);
    const finished = logger.entries.find((entry) => entry.message === 'openai completion finished');
    expect(finished?.fields).toMatchObject({ finishReason: 'stop', promptTokens: undefined });
  });

  it('logs model, finish reason, tool call count and token usage, and none of the conversation', async () => {
    respondWith([
      textChunk('Ana, I found '),
      textChunk('a slot.'),
      toolCallStart(0, 'call_1', 'lookup_patient', '{"lastName":"Rivera"}'),
      finishChunk('tool_calls'),
      usageChunk(530, 61),
    ]);
    const logger = new RecordingLogger();

    await collect(newModel(logger), userTurn('This is Ana Rivera, born 1985-04-12, at 555-0142.'));

    const finished = logger.entries.find((entry) => entry.message === 'openai completion finished');
    expect(finished?.level).toBe('info');
    expect(finished?.fields).toMatchObject({
      model: 'gpt-4o-mini',
      finishReason: 'tool_calls',
      toolCalls: 1,
      promptTokens: 530,
      completionTokens: 61,
    });
    expect(finished?.fields['durationMs']).toEqual(expect.any(Number));
    expect(finished?.fields['firstTextMs']).toEqual(expect.any(Number));
    for (const phi of ['Ana', 'Rivera', '1985-04-12', '555-0142', 'slot']) expect(logger.dump()).not.toContain(phi);
  });
});
