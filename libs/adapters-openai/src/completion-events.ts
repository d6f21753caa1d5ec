import type { ModelEvent } from '@crowndesk/domain';
import type { CompletionChunk, CompletionUsage } from './completion-chunk';
import { ToolCallAssembler } from './tool-call-assembler';

/** What the log may say about a finished completion: counts and codes, no content. */
export interface CompletionSummary {
  finishReason: string;
  toolCalls: number;
  promptTokens: number | undefined;
  completionTokens: number | undefined;
}

/** Turns the chunks of one completion into domain events, and keeps its numbers for the log. */
export class CompletionEvents {
  readonly #toolCalls = new ToolCallAssembler();
  #finishReason: string | undefined;
  #usage: CompletionUsage | undefined;
  #toolCallCount = 0;

  /** Text at once, one event per delta; tool calls once the model says it has finished. */
  accept(chunk: CompletionChunk): ModelEvent[] {
    this.#usage = chunk.usage ?? this.#usage;
    // n is 1: the single choice (absent from Azure's first chunk and from the trailing usage chunk).
    const choice = chunk.choices[0];
    if (!choice) return [];
    const events: ModelEvent[] = [];
    const text = choice.delta?.content;
    if (text) events.push({ type: 'text', text });
    choice.delta?.tool_calls?.forEach((fragment, position) => this.#toolCalls.add(fragment, position));
    if (choice.finish_reason) {
      this.#finishReason = choice.finish_reason;
      // Now rather than after the trailing usage chunk: the tools can start a little sooner.
      events.push(...this.#drainToolCalls());
    }
    return events;
  }

  /** The stream is over: tool calls a server left without a finish_reason are still delivered. */
  end(): ModelEvent[] {
    return this.#drainToolCalls();
  }

  summary(): CompletionSummary {
    return {
      finishReason: this.#finishReason ?? 'end_of_stream',
      toolCalls: this.#toolCallCount,
      promptTokens: this.#usage?.prompt_tokens,
      completionTokens: this.#usage?.completion_tokens,
    };
  }

  #drainToolCalls(): ModelEvent[] {
    const calls = this.#toolCalls.drain();
    this.#toolCallCount += calls.length;
    return calls.map((call) => ({ type: 'tool_call', call }));
  }
}
