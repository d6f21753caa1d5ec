import { HttpResponse } from 'msw';

/** Builders for the Chat Completions SSE stream, shaped as OpenAI sends it. */

interface ToolCallFragment {
  index?: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

interface Delta {
  role?: 'assistant';
  content?: string | null;
  tool_calls?: ToolCallFragment[];
}

export function chunk(delta: Delta, finishReason: string | null = null): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_767_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_test',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

export function textChunk(text: string): Record<string, unknown> {
  return chunk({ content: text });
}

export function toolCallChunk(...fragments: ToolCallFragment[]): Record<string, unknown> {
  return chunk({ tool_calls: fragments });
}

/** The first fragment of a tool call: its id and name, and from some servers all of its arguments. */
export function toolCallStart(index: number, id: string, name: string, args = ''): Record<string, unknown> {
  return toolCallChunk({ index, id, type: 'function', function: { name, arguments: args } });
}

/** A later fragment: the next piece of a tool call's arguments. */
export function toolCallArguments(index: number, args: string): Record<string, unknown> {
  return toolCallChunk({ index, function: { arguments: args } });
}

export function finishChunk(reason: string): Record<string, unknown> {
  return chunk({}, reason);
}

/** The trailing chunk of `stream_options.include_usage`: usage, no choices. */
export function usageChunk(promptTokens: number, completionTokens: number): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_767_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

export function sseEvent(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

const SSE_HEADERS = { 'content-type': 'text/event-stream', 'x-request-id': 'req_test' };

/** A whole stream at once: each chunk as an event, then `[DONE]`. */
export function sseResponse(chunks: unknown[], options: { done?: boolean } = {}): HttpResponse<string> {
  const events = chunks.map(sseEvent).join('') + (options.done === false ? '' : sseEvent('[DONE]'));
  return new HttpResponse(events, { headers: SSE_HEADERS });
}

/**
 * A stream the test drives event by event: to prove events reach the consumer before the stream ends, and
 * to stall it mid-way. `requested` resolves once the client's request has arrived.
 */
export class ControlledStream {
  readonly #encoder = new TextEncoder();
  #controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  #onRequested = () => {};
  readonly requested = new Promise<void>((resolve) => {
    this.#onRequested = resolve;
  });

  readonly response = (): HttpResponse<ReadableStream<Uint8Array>> => {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.#controller = controller;
      },
    });
    this.#onRequested();
    return new HttpResponse(body, { headers: SSE_HEADERS });
  };

  send(data: unknown): void {
    if (!this.#controller) throw new Error('the response has not been requested yet');
    this.#controller.enqueue(this.#encoder.encode(sseEvent(data)));
  }

  end(): void {
    this.send('[DONE]');
    this.#controller?.close();
  }
}
