import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '@crowndesk/domain';
import { mockThirdPartyHttp, RecordingLogger } from '@crowndesk/testing';
import { OpenAiLanguageModel } from '../src';
import { finishChunk, sseResponse, textChunk } from './support/chat-completions-stream';
import { API_KEY, OPENAI_CHAT_URL } from './support/openai-api';
import { collect, CONTEXT, FIND_SLOTS_TOOL, LOOKUP_PATIENT_TOOL } from './support/model-requests';

const { server } = mockThirdPartyHttp();

interface CapturedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: unknown;
}

/** Answers every chat completion with a short stream and keeps what the client sent. */
function captureRequests(url = OPENAI_CHAT_URL): CapturedRequest[] {
  const captured: CapturedRequest[] = [];
  server.use(
    http.post(url, async ({ request }) => {
      captured.push({ method: request.method, url: request.url, headers: request.headers, body: await request.json() });
      return sseResponse([textChunk('Sure.'), finishChunk('stop')]);
    }),
  );
  return captured;
}

/** A conversation that has been through one tool round: every message role the domain produces. */
const HISTORY_WITH_TOOL_ROUND: ModelRequest = {
  messages: [
    { role: 'system', content: 'You are the receptionist of Bright Smile Dental.' },
    { role: 'assistant', content: 'Thank you for calling Bright Smile Dental, how can I help?' },
    { role: 'user', content: 'I need a cleaning next Tuesday.' },
    {
      role: 'assistant',
      content: '',
      toolCalls: [
        { id: 'call_slots', name: 'find_slots', arguments: '{"appointmentType":"CLEAN","date":"2026-03-03"}' },
        { id: 'call_patient', name: 'lookup_patient', arguments: '{"lastName":"Rivera"' },
      ],
    },
    { role: 'tool', toolCallId: 'call_slots', content: '{"slots":["2026-03-03T14:00:00.000Z"]}' },
    { role: 'tool', toolCallId: 'call_patient', content: '{"error":"invalid arguments"}' },
    {
      role: 'assistant',
      content: 'Let me check that.',
      toolCalls: [{ id: 'call_again', name: 'find_slots', arguments: '{"appointmentType":"CLEAN"}' }],
    },
    { role: 'tool', toolCallId: 'call_again', content: '{"slots":[]}' },
  ],
  tools: [FIND_SLOTS_TOOL, LOOKUP_PATIENT_TOOL],
  context: CONTEXT,
  signal: new AbortController().signal,
};

describe('OpenAiLanguageModel request contract', () => {
  it('POSTs the exact chat completion request: auth, JSON, model, tools, streaming and every message role', async () => {
    const captured = captureRequests();
    const model = new OpenAiLanguageModel({ apiKey: API_KEY, logger: new RecordingLogger() });

    await collect(model, HISTORY_WITH_TOOL_ROUND);

    expect(captured).toHaveLength(1);
    const [request] = captured;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(OPENAI_CHAT_URL);
    expect(request?.headers.get('authorization')).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are the receptionist of Bright Smile Dental.' },
        { role: 'assistant', content: 'Thank you for calling Bright Smile Dental, how can I help?' },
        { role: 'user', content: 'I need a cleaning next Tuesday.' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_slots',
              type: 'function',
              function: { name: 'find_slots', arguments: '{"appointmentType":"CLEAN","date":"2026-03-03"}' },
            },
            {
              id: 'call_patient',
              type: 'function',
              function: { name: 'lookup_patient', arguments: '{"lastName":"Rivera"' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_slots', content: '{"slots":["2026-03-03T14:00:00.000Z"]}' },
        { role: 'tool', tool_call_id: 'call_patient', content: '{"error":"invalid arguments"}' },
        {
          role: 'assistant',
          content: 'Let me check that.',
          tool_calls: [
            {
              id: 'call_again',
              type: 'function',
              function: { name: 'find_slots', arguments: '{"appointmentType":"CLEAN"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_again', content: '{"slots":[]}' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'find_slots',
            description: 'Find open appointment slots.',
            parameters: FIND_SLOTS_TOOL.parameters,
          },
        },
        {
          type: 'function',
          function: {
            name: 'lookup_patient',
            description: 'Find the caller in the practice records.',
            parameters: LOOKUP_PATIENT_TOOL.parameters,
          },
        },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_completion_tokens: 300,
    });
  });

  it('leaves out tools, tool_choice and parallel_tool_calls when the turn offers no tools (the API rejects them)', async () => {
    const captured = captureRequests();
    const model = new OpenAiLanguageModel({ apiKey: API_KEY, logger: new RecordingLogger() });

    await collect(model, {
      messages: [{ role: 'user', content: 'Hello?' }],
      tools: [],
      context: CONTEXT,
      signal: new AbortController().signal,
    });

    expect(captured[0]?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello?' }],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      max_completion_tokens: 300,
    });
  });

  it('uses a custom OpenAI-compatible base URL, model, temperature and token cap', async () => {
    const captured = captureRequests('http://127.0.0.1:9/v1/chat/completions');
    const model = new OpenAiLanguageModel({
      apiKey: 'local-key',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'llama3.1:8b',
      temperature: 0,
      maxTokens: 120,
      logger: new RecordingLogger(),
    });

    const events = await collect(model, {
      messages: [{ role: 'user', content: 'Hello?' }],
      tools: [],
      context: CONTEXT,
      signal: new AbortController().signal,
    });

    expect(events).toEqual([{ type: 'text', text: 'Sure.' }]);
    expect(captured).toHaveLength(1);
    expect(captured[0]?.url).toBe('http://127.0.0.1:9/v1/chat/completions');
    expect(captured[0]?.headers.get('authorization')).toBe('Bearer local-key');
    expect(captured[0]?.body).toMatchObject({ model: 'llama3.1:8b', temperature: 0, max_completion_tokens: 120 });
  });
});

describe('OpenAiLanguageModel options', () => {
  it('rejects an empty API key and a base URL that is not a URL, without echoing the key', () => {
    const logger = new RecordingLogger();
    expect(() => new OpenAiLanguageModel({ apiKey: '', logger })).toThrow(/apiKey/);
    const invalidUrl = () => new OpenAiLanguageModel({ apiKey: 'sk-secret-value', baseURL: 'not a url', logger });
    expect(invalidUrl).toThrow(/baseURL/);
    expect(invalidUrl).not.toThrow(/sk-secret-value/);
  });

  it('rejects a non-positive timeout and token cap', () => {
    const logger = new RecordingLogger();
    expect(() => new OpenAiLanguageModel({ apiKey: API_KEY, requestTimeoutMs: 0, logger })).toThrow(/requestTimeoutMs/);
    expect(() => new OpenAiLanguageModel({ apiKey: API_KEY, maxTokens: -1, logger })).toThrow(/maxTokens/);
  });
});
