import type { Utterance } from '../../model';
import type { Clock, LanguageModel, Logger, ModelEvent, ModelRequest, ModelToolCall, ToolDefinition } from '../../ports';
import type { CallSession } from '../call-session';
import type { ConversationOutput } from '../conversation-output';
import type { ToolExecution, ToolRunner } from '../tool-runner';
import { ABORTED, closeIterator, errorMessage, untilAborted } from './abort';
import { buildModelMessages, type ToolExchange } from './model-messages';
import { Phrases } from './phrases';
import { buildSystemPrompt } from './system-prompt';
import { troubleHandoff } from './trouble-handoff';

export interface ModelTurnDeps {
  model: LanguageModel;
  tools: ToolRunner;
  toolDefinitions: ToolDefinition[];
  clock: Clock;
  logger: Logger;
  /** Rounds of tool use allowed in one turn; each is followed by a round that speaks about the results. */
  maxToolRounds: number;
}

export interface ModelTurnInput {
  session: CallSession;
  /** The call's tool exchanges so far; this turn appends its own. */
  exchanges: ToolExchange[];
  transcript: readonly Utterance[];
  reminder: boolean;
  signal: AbortSignal;
}

type ToolEffect = NonNullable<ToolExecution['effect']>;

type RoundEnd =
  | { kind: 'aborted' }
  | { kind: 'spoke' }
  | { kind: 'silent' }
  | { kind: 'used_tools' }
  | { kind: 'effect'; effect: ToolEffect }
  | { kind: 'failed' };

/**
 * One receptionist turn driven by the model: stream its speech, run the tools it calls, and give it
 * another round to speak about the results, until it answers, ends or transfers the call, or fails.
 */
export class ModelTurn {
  private spokeThisTurn = false;
  /** The last speech of this turn ended mid-word: a new round must not glue its first word onto it. */
  private lastSpeechEndsInWord = false;

  constructor(
    private readonly deps: ModelTurnDeps,
    private readonly input: ModelTurnInput,
  ) {}

  async *run(): AsyncGenerator<ConversationOutput, void, undefined> {
    for (let round = 0; ; round += 1) {
      const end = yield* this.round(round);
      switch (end.kind) {
        case 'aborted':
        case 'spoke':
          return;
        case 'used_tools':
          continue;
        case 'effect':
          yield* this.applyEffect(end.effect);
          return;
        case 'silent':
          // Dead air after "let me check" is worse for the caller than a person picking up.
          this.deps.logger.error(this.logFields({ round }), 'model returned neither speech nor a tool call');
          yield* this.handOff();
          return;
        case 'failed':
          yield* this.handOff();
          return;
      }
    }
  }

  private async *round(round: number): AsyncGenerator<ConversationOutput, RoundEnd, undefined> {
    const { signal } = this.input;
    const exchange: ToolExchange = { transcriptLength: this.input.transcript.length, spokenText: '', calls: [] };
    let effect: ToolEffect | undefined;
    let events: AsyncIterator<ModelEvent>;
    try {
      events = this.deps.model.stream(this.request())[Symbol.asyncIterator]();
    } catch (error) {
      return this.failure(error, { round, source: 'model' });
    }
    try {
      for (;;) {
        let next: IteratorResult<ModelEvent> | typeof ABORTED;
        try {
          next = await untilAborted(events.next(), signal);
        } catch (error) {
          return this.failure(error, { round, source: 'model' });
        }
        if (next === ABORTED || signal.aborted) return { kind: 'aborted' };
        if (next.done) break;
        const event = next.value;

        if (event.type === 'text') {
          if (event.text.length === 0) continue;
          const startsRound = exchange.spokenText.length === 0;
          const text = startsRound && this.lastSpeechEndsInWord && !/^\s/.test(event.text) ? ` ${event.text}` : event.text;
          exchange.spokenText += text;
          this.lastSpeechEndsInWord = !/\s$/.test(text);
          if (text.trim().length > 0) this.spokeThisTurn = true;
          yield { type: 'text', text };
          if (signal.aborted) return { kind: 'aborted' };
          continue;
        }

        if (effect) {
          // The call is ending or being transferred: nothing else should happen in it.
          this.deps.logger.debug(this.logFields({ round, tool: event.call.name }), 'tool call after a call effect ignored');
          continue;
        }
        if (round >= this.deps.maxToolRounds) {
          this.deps.logger.error(this.logFields({ round, tool: event.call.name }), 'too many tool rounds in one turn');
          return { kind: 'failed' };
        }
        const execution = yield* this.runTool(event.call, exchange, round);
        if (execution === ABORTED) return { kind: 'aborted' };
        if (execution === 'failed') return { kind: 'failed' };
        effect = execution.effect;
      }
    } finally {
      closeIterator(events, (error) =>
        this.deps.logger.debug(this.logFields({ round, error: errorMessage(error) }), 'closing the model stream failed'),
      );
    }

    if (effect) return { kind: 'effect', effect };
    if (exchange.calls.length > 0) return { kind: 'used_tools' };
    return exchange.spokenText.trim().length > 0 ? { kind: 'spoke' } : { kind: 'silent' };
  }

  private async *runTool(
    call: ModelToolCall,
    exchange: ToolExchange,
    round: number,
  ): AsyncGenerator<ConversationOutput, ToolExecution | typeof ABORTED | 'failed', undefined> {
    const { signal, session } = this.input;
    yield { type: 'tool_invocation', toolCallId: call.id, name: call.name, arguments: call.arguments };
    if (signal.aborted) return ABORTED;

    let running: Promise<ToolExecution>;
    let settled: ToolExecution | typeof ABORTED;
    try {
      running = this.deps.tools.run(session, call, signal);
      settled = await untilAborted(running, signal);
    } catch (error) {
      if (signal.aborted) return ABORTED;
      this.failure(error, { round, source: 'tool', tool: call.name });
      return 'failed';
    }
    if (settled === ABORTED) {
      // The tool may still change the schedule: keep its result for the model's next turn.
      running.then(
        (execution) => this.record(exchange, call, execution),
        (error: unknown) =>
          this.deps.logger.warn(
            this.logFields({ round, tool: call.name, error: errorMessage(error) }),
            'tool failed after its turn was aborted',
          ),
      );
      return ABORTED;
    }
    this.record(exchange, call, settled);
    this.deps.logger.debug(this.logFields({ round, tool: call.name, ok: settled.result.ok }), 'tool ran');
    if (signal.aborted) return ABORTED;
    yield { type: 'tool_result', toolCallId: call.id, content: settled.content, successful: settled.result.ok };
    if (signal.aborted) return ABORTED;
    return settled;
  }

  private record(exchange: ToolExchange, call: ModelToolCall, execution: ToolExecution): void {
    exchange.calls.push({ call, content: execution.content });
    if (!this.input.exchanges.includes(exchange)) this.input.exchanges.push(exchange);
  }

  private async *applyEffect(effect: ToolEffect): AsyncGenerator<ConversationOutput, void, undefined> {
    const { signal, session } = this.input;
    if (effect.type === 'end_call') {
      if (!signal.aborted) yield { type: 'end_call' };
      return;
    }
    if (!this.spokeThisTurn) {
      if (signal.aborted) return;
      yield { type: 'text', text: Phrases.transfer, uninterruptible: true };
    }
    if (signal.aborted) return;
    session.outcomes.push(effect.reason === 'emergency' ? 'emergency_routed' : 'transferred');
    yield { type: 'transfer', number: effect.number, reason: effect.reason };
  }

  private async *handOff(): AsyncGenerator<ConversationOutput, void, undefined> {
    const { outputs, outcome } = troubleHandoff(this.input.session.practice);
    for (const output of outputs) {
      if (this.input.signal.aborted) return;
      if (output.type !== 'text' && outcome) this.input.session.outcomes.push(outcome);
      yield output;
    }
  }

  private failure(error: unknown, fields: Record<string, unknown>): RoundEnd {
    if (this.input.signal.aborted) return { kind: 'aborted' };
    this.deps.logger.error(this.logFields({ ...fields, error: errorMessage(error) }), 'receptionist turn failed');
    return { kind: 'failed' };
  }

  private request(): ModelRequest {
    const { session, transcript, reminder, exchanges, signal } = this.input;
    const { practice } = session;
    const now = this.deps.clock.now();
    return {
      messages: buildModelMessages(buildSystemPrompt({ practice, now, reminder }), transcript, exchanges),
      tools: this.deps.toolDefinitions,
      context: {
        practiceName: practice.name,
        timeZone: practice.timeZone,
        now: now.toISOString(),
        appointmentTypes: practice.appointmentTypes.map(({ code, name, durationMinutes }) => ({
          code,
          name,
          durationMinutes,
        })),
        reminder,
      },
      signal,
    };
  }

  private logFields(fields: Record<string, unknown>): Record<string, unknown> {
    return { callId: this.input.session.callId, practiceId: this.input.session.practice.id, ...fields };
  }
}
