import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { LanguageModel, Logger, ModelEvent, ModelRequest } from '@crowndesk/domain';
import { abortSafeFetch } from './abort-safe-fetch';
import { parseCompletionChunk } from './completion-chunk';
import { CompletionEvents } from './completion-events';
import { toCompletionError } from './completion-error';
import { toOpenAiMessages, toOpenAiTools } from './message-mapping';
import {
  OPENAI_DEFAULT_BASE_URL,
  resolveTunables,
  type OpenAiLanguageModelOptions,
  type ResolvedTunables,
} from './options';
import { TurnSignal } from './turn-signal';

/**
 * The receptionist's language model on OpenAI Chat Completions (or any OpenAI-compatible server), streamed:
 * text deltas are yielded the moment they arrive so speech can start on the first words; tool calls are
 * assembled from their fragments and yielded when the model finishes.
 */
export class OpenAiLanguageModel implements LanguageModel {
  readonly #client: OpenAI;
  readonly #tunables: ResolvedTunables;
  readonly #logger: Logger;

  constructor(options: OpenAiLanguageModelOptions) {
    const { logger, fetch, ...tunables } = options;
    this.#tunables = resolveTunables(tunables);
    this.#logger = logger;
    // One client per adapter: its fetch keeps the TLS connection to the API alive between turns.
    this.#client = new OpenAI({
      apiKey: this.#tunables.apiKey,
      // Explicit, so the SDK never falls back to reading OPENAI_BASE_URL itself: the gateway owns config.
      baseURL: this.#tunables.baseURL ?? OPENAI_DEFAULT_BASE_URL,
      timeout: this.#tunables.requestTimeoutMs,
      // A live turn cannot sit through backoff (0.5 s to 8 s, or a Retry-After); failing fast lets the
      // conversation say a fallback line or transfer while the caller is still listening.
      maxRetries: 0,
      // The SDK's logger would print request bodies and bad chunks (the caller's words) to the console.
      logLevel: 'off',
      // The global fetch is looked up per request, so it can be replaced (msw) after the adapter is built.
      fetch: abortSafeFetch(fetch ?? ((input, init) => globalThis.fetch(input, init))),
    });
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    const { model, requestTimeoutMs } = this.#tunables;
    const turn = new TurnSignal(request.signal, requestTimeoutMs);
    const startedAt = performance.now();
    const elapsed = () => Math.round(performance.now() - startedAt);
    const completion = new CompletionEvents();
    let firstTextMs: number | undefined;

    try {
      const chunks = await this.#client.chat.completions.create(this.#params(request), { signal: turn.signal });
      for await (const raw of chunks) {
        for (const event of completion.accept(parseCompletionChunk(raw))) {
          if (event.type === 'text') firstTextMs ??= elapsed();
          yield event;
        }
      }
      // An abort ends the SDK's iteration quietly: tell the turn's deadline from the caller giving up.
      if (turn.signal.aborted && !turn.callerAborted) throw turn.signal.reason;
      if (turn.callerAborted) {
        this.#logger.debug({ model, durationMs: elapsed() }, 'openai completion aborted');
        return;
      }
      yield* completion.end();
      this.#logger.info(
        { model, durationMs: elapsed(), firstTextMs, ...completion.summary() },
        'openai completion finished',
      );
    } catch (error) {
      if (turn.callerAborted) {
        this.#logger.debug({ model, durationMs: elapsed() }, 'openai completion aborted');
        return;
      }
      const failure = toCompletionError(error, {
        model,
        timeoutMs: requestTimeoutMs,
        deadlinePassed: turn.deadlinePassed,
      });
      this.#logger.warn(
        { model, durationMs: elapsed(), kind: failure.kind, status: failure.status, requestId: failure.requestId },
        'openai completion failed',
      );
      throw failure;
    } finally {
      turn.dispose();
    }
  }

  #params(request: ModelRequest): ChatCompletionCreateParamsStreaming {
    const { model, temperature, maxTokens } = this.#tunables;
    // request.context is not sent: the domain renders the facts the model needs into the system message.
    return {
      model,
      messages: toOpenAiMessages(request.messages),
      // The API rejects tool_choice and parallel_tool_calls when no tools are given.
      ...(request.tools.length > 0
        ? { tools: toOpenAiTools(request.tools), tool_choice: 'auto' as const, parallel_tool_calls: true }
        : {}),
      stream: true,
      stream_options: { include_usage: true },
      temperature,
      // max_tokens is deprecated and refused by reasoning models; max_completion_tokens works on all current ones.
      max_completion_tokens: maxTokens,
    };
  }
}
