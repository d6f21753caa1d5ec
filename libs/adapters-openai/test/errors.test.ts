import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockThirdPartyHttp, RecordingLogger } from '@crowndesk/testing';
import { OpenAiCompletionError, OpenAiLanguageModel } from '../src';
import { ControlledStream, sseEvent, textChunk, toolCallChunk } from './support/chat-completions-stream';
import { API_KEY, OPENAI_CHAT_URL } from './support/openai-api';
import { collect, userTurn } from './support/model-requests';

const { server, requests } = mockThirdPartyHttp();

const CALLER_WORDS = 'My name is Ana Rivera and my number is 555-0142';

function newModel(logger = new RecordingLogger(), requestTimeoutMs?: number): OpenAiLanguageModel {
  return new OpenAiLanguageModel({ apiKey: API_KEY, logger, ...(requestTimeoutMs ? { requestTimeoutMs } : {}) });
}

async function failure(model: OpenAiLanguageModel, text = CALLER_WORDS): Promise<OpenAiCompletionError> {
  const error = await collect(model, userTurn(text)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof OpenAiCompletionError)) {
    throw new Error(`expected an OpenAiCompletionError, got ${String(error)}`);
  }
  return error;
}

function respondRaw(body: string): void {
  server.use(
    http.post(
      OPENAI_CHAT_URL,
      () => new HttpResponse(body, { headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_stream' } }),
    ),
  );
}

describe('OpenAiLanguageModel HTTP errors', () => {
  it('throws on 401 with the status, code, model and request id in the message, after exactly one request', async () => {
    server.use(
      http.post(OPENAI_CHAT_URL, () =>
        HttpResponse.json(
          { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } },
          { status: 401, headers: { 'x-request-id': 'req_401' } },
        ),
      ),
    );
    const logger = new RecordingLogger();

    const error = await failure(newModel(logger));

    expect(error.message).toBe(
      'OpenAI chat completion failed: HTTP 401 invalid_api_key (model gpt-4o-mini, request req_401)',
    );
    expect(error).toMatchObject({ kind: 'http', status: 401, model: 'gpt-4o-mini', requestId: 'req_401' });
    expect(requests).toHaveLength(1);
    expect(logger.entries.find((entry) => entry.level === 'warn')?.fields).toMatchObject({
      model: 'gpt-4o-mini',
      kind: 'http',
      status: 401,
      requestId: 'req_401',
    });
  });

  it('throws on 500 without retrying: a live turn cannot wait through backoff', async () => {
    server.use(
      http.post(OPENAI_CHAT_URL, () =>
        HttpResponse.json(
          { error: { message: 'The server had an error', type: 'server_error', code: null } },
          { status: 500 },
        ),
      ),
    );

    const error = await failure(newModel());

    expect(error.message).toBe('OpenAI chat completion failed: HTTP 500 (model gpt-4o-mini)');
    expect(error).toMatchObject({ kind: 'http', status: 500 });
    expect(requests).toHaveLength(1);
  });

  it('does not retry a 429 either, whatever Retry-After says', async () => {
    server.use(
      http.post(OPENAI_CHAT_URL, () =>
        HttpResponse.json(
          { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
          { status: 429, headers: { 'retry-after': '1' } },
        ),
      ),
    );

    const error = await failure(newModel());

    expect(error).toMatchObject({ kind: 'http', status: 429 });
    expect(requests).toHaveLength(1);
  });

  it('reports a connection failure as such', async () => {
    server.use(http.post(OPENAI_CHAT_URL, () => HttpResponse.error()));

    const error = await failure(newModel());

    expect(error.message).toBe('OpenAI chat completion failed: connection error (model gpt-4o-mini)');
    expect(error.kind).toBe('connection');
    expect(requests).toHaveLength(1);
  });
});

describe('OpenAiLanguageModel malformed streams', () => {
  it('rejects a chunk that is not JSON without quoting it', async () => {
    respondRaw(sseEvent(textChunk('Hello')) + `data: {"choices":[{"delta":{"content":"${CALLER_WORDS}"\n\n`);

    const error = await failure(newModel());

    expect(error.message).toBe(
      'OpenAI chat completion failed: malformed stream, a chunk is not valid JSON (model gpt-4o-mini)',
    );
    expect(error.kind).toBe('malformed_stream');
    expect(error.cause).toBeUndefined();
  });

  it('rejects a chunk of the wrong shape, naming the field and not the value', async () => {
    respondRaw(sseEvent({ choices: [{ index: 0, delta: { content: 42 } }] }) + sseEvent('[DONE]'));

    const error = await failure(newModel());

    expect(error.message).toBe(
      'OpenAI chat completion failed: malformed stream, unexpected chunk shape at choices.0.delta.content: invalid_type (model gpt-4o-mini)',
    );
  });

  it('rejects a tool call that never names its function', async () => {
    respondRaw(
      sseEvent(toolCallChunk({ index: 0, id: 'call_1', function: { arguments: '{}' } })) + sseEvent('[DONE]'),
    );

    const error = await failure(newModel());

    expect(error.message).toBe(
      'OpenAI chat completion failed: malformed stream, tool call at index 0 has no name (model gpt-4o-mini)',
    );
  });

  it('turns an error event inside a 200 stream into an error', async () => {
    respondRaw(
      sseEvent(textChunk('Let me')) +
        sseEvent({ error: { message: 'upstream overloaded', type: 'server_error', code: 'overloaded' } }),
    );

    const error = await failure(newModel());

    expect(error.message).toBe(
      'OpenAI chat completion failed: error event in stream overloaded (model gpt-4o-mini, request req_stream)',
    );
    expect(error.kind).toBe('malformed_stream');
  });

  it('never puts the conversation into error messages or logs', async () => {
    const logger = new RecordingLogger();
    respondRaw(`data: {"choices":[{"delta":{"content":"${CALLER_WORDS}"\n\n`);

    const error = await failure(newModel(logger));

    const everything = `${error.message} ${String(error.cause)} ${logger.dump()}`;
    for (const phi of ['Ana', 'Rivera', '555-0142']) expect(everything).not.toContain(phi);
  });
});

describe('OpenAiLanguageModel turn deadline', () => {
  it('throws a timeout when the stream stalls mid-answer, after delivering what arrived', async () => {
    const stream = new ControlledStream();
    server.use(http.post(OPENAI_CHAT_URL, stream.response));
    const events: unknown[] = [];
    const model = newModel(new RecordingLogger(), 150);

    const iteration = (async () => {
      for await (const event of model.stream(userTurn(CALLER_WORDS))) events.push(event);
    })();
    await stream.requested;
    stream.send(textChunk('Let me check'));

    const error = await iteration.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(OpenAiCompletionError);
    expect(error).toMatchObject({
      kind: 'timeout',
      message: 'OpenAI chat completion failed: timed out after 150 ms (model gpt-4o-mini)',
    });
    expect(events).toEqual([{ type: 'text', text: 'Let me check' }]);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it('throws a timeout when the response headers never come', async () => {
    server.use(http.post(OPENAI_CHAT_URL, () => new Promise<never>(() => {})));

    const error = await failure(newModel(new RecordingLogger(), 150));

    expect(error.kind).toBe('timeout');
    expect(requests).toHaveLength(1);
  });
});
