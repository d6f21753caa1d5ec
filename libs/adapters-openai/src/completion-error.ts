import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

/**
 * Why a completion failed:
 * - `http`: the server answered with an error status (401 bad key, 429 rate limit, 5xx outage);
 * - `timeout`: the turn's deadline passed before the stream finished;
 * - `connection`: no response (DNS, refused, reset before headers);
 * - `malformed_stream`: the response is not the chunk stream we expect, or the server sent an error event;
 * - `interrupted`: the stream broke off mid-way for another reason.
 */
export type CompletionFailureKind = 'http' | 'timeout' | 'connection' | 'malformed_stream' | 'interrupted';

export interface CompletionFailure {
  kind: CompletionFailureKind;
  model: string;
  status?: number;
  requestId?: string;
}

/** A failed completion. The message names status, model and request id; never any conversation text. */
export class OpenAiCompletionError extends Error {
  override readonly name = 'OpenAiCompletionError';
  readonly kind: CompletionFailureKind;
  readonly model: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(reason: string, failure: CompletionFailure, options?: ErrorOptions) {
    const where = `model ${failure.model}${failure.requestId ? `, request ${failure.requestId}` : ''}`;
    super(`OpenAI chat completion failed: ${reason} (${where})`, options);
    this.kind = failure.kind;
    this.model = failure.model;
    this.status = failure.status;
    this.requestId = failure.requestId;
  }
}

/** Raised inside the adapter when a chunk does not fit; converted to an `OpenAiCompletionError`. */
export class MalformedStreamError extends Error {
  override readonly name = 'MalformedStreamError';
}

export interface FailureContext {
  model: string;
  timeoutMs: number;
  /** Our own turn deadline fired (the SDK then reports a plain abort). */
  deadlinePassed: boolean;
}

export function toCompletionError(error: unknown, context: FailureContext): OpenAiCompletionError {
  const { model } = context;

  if (context.deadlinePassed || error instanceof APIConnectionTimeoutError) {
    return new OpenAiCompletionError(
      `timed out after ${context.timeoutMs} ms`,
      { kind: 'timeout', model },
      { cause: error },
    );
  }
  if (error instanceof MalformedStreamError) {
    return new OpenAiCompletionError(
      `malformed stream, ${error.message}`,
      { kind: 'malformed_stream', model },
      { cause: error },
    );
  }
  if (error instanceof SyntaxError) {
    // No cause: V8's JSON.parse message quotes the start of the bad chunk, which may be the caller's words.
    return new OpenAiCompletionError('malformed stream, a chunk is not valid JSON', {
      kind: 'malformed_stream',
      model,
    });
  }
  if (error instanceof APIConnectionError) {
    return new OpenAiCompletionError('connection error', { kind: 'connection', model }, { cause: error });
  }
  if (error instanceof APIError) {
    const code = typeof error.code === 'string' ? ` ${error.code}` : '';
    const requestId = error.requestID ?? undefined;
    if (error.status === undefined) {
      // An `error` object inside the SSE stream, after a 200.
      return new OpenAiCompletionError(
        `error event in stream${code}`,
        { kind: 'malformed_stream', model, requestId },
        { cause: error },
      );
    }
    return new OpenAiCompletionError(
      `HTTP ${error.status}${code}`,
      { kind: 'http', model, status: error.status, requestId },
      { cause: error },
    );
  }
  const name = error instanceof Error ? error.name : typeof error;
  return new OpenAiCompletionError(`stream interrupted (${name})`, { kind: 'interrupted', model }, { cause: error });
}
