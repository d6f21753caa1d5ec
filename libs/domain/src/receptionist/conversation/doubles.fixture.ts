import type { CallRecord, Utterance } from '../../model';
import type {
  CallLog,
  Clock,
  LanguageModel,
  ModelEvent,
  ModelRequest,
  ModelToolCall,
  ToolDefinition,
} from '../../ports';
import type { CallSession } from '../call-session';
import type { ConversationOutput } from '../conversation-output';
import type { ToolResult } from '../tool-contract';
import type { ToolExecution, ToolRunner } from '../tool-runner';

/** Test doubles of the conversation's ports: they replay scripts and record what they were asked. */

export const say = (text: string): ModelEvent => ({ type: 'text', text });

export const callTool = (id: string, name: string, args: Record<string, unknown> = {}): ModelEvent => ({
  type: 'tool_call',
  call: { id, name, arguments: JSON.stringify(args) },
});

export const caller = (text: string): Utterance => ({ speaker: 'caller', text });
export const agent = (text: string): Utterance => ({ speaker: 'agent', text });

/** One model round: the events it streams, then optionally a failure or a stall that ignores the signal. */
export type ScriptedRound = ModelEvent[] | { events: ModelEvent[]; then: { fail: Error } | 'stall' };

/** A LanguageModel that replays one scripted round per stream() call and keeps every request. */
export class ScriptedLanguageModel implements LanguageModel {
  readonly requests: ModelRequest[] = [];
  private readonly rounds: ScriptedRound[];

  constructor(rounds: ScriptedRound[]) {
    this.rounds = [...rounds];
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent> {
    this.requests.push(request);
    const round = this.rounds.shift();
    if (!round) throw new Error(`no scripted model round left for request ${this.requests.length}`);
    const { events, then } = Array.isArray(round) ? { events: round, then: undefined } : round;
    for (const event of events) yield event;
    if (then === 'stall') await new Promise<never>(() => undefined);
    else if (then) throw then.fail;
  }
}

export type ToolHandler = (call: ModelToolCall, session: CallSession, signal: AbortSignal) => Promise<ToolExecution>;

/** A ToolRunner that answers from per-tool handlers and records each run. */
export class RecordingToolRunner implements ToolRunner {
  readonly runs: { call: ModelToolCall; session: CallSession; signal: AbortSignal; result: Promise<ToolExecution> }[] = [];

  constructor(private readonly handlers: Record<string, ToolHandler> = {}) {}

  run(session: CallSession, call: ModelToolCall, signal: AbortSignal): Promise<ToolExecution> {
    const handler = this.handlers[call.name];
    const result = handler
      ? handler(call, session, signal)
      : Promise.resolve(execution({ ok: false, error: 'unknown_tool', message: `No tool named ${call.name}` }));
    this.runs.push({ call, session, signal, result });
    return result;
  }
}

export function execution(result: ToolResult, effect?: ToolExecution['effect']): ToolExecution {
  return { result, content: JSON.stringify(result), ...(effect ? { effect } : {}) };
}

export { RecordingLogger } from '../../recording-logger.fixture';

export class MemoryCallLog implements CallLog {
  readonly records: CallRecord[] = [];
  failWith?: Error;

  async record(call: CallRecord): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.records.push(call);
  }
}

export function fixedClock(at: Date): Clock {
  return { now: () => new Date(at.getTime()) };
}

export const TOOL_DEFINITIONS: ToolDefinition[] = [
  { name: 'check_availability', description: 'Find open slots', parameters: { type: 'object' } },
  { name: 'book_appointment', description: 'Book a slot', parameters: { type: 'object' } },
  { name: 'end_call', description: 'Hang up', parameters: { type: 'object' } },
];

export async function collect(outputs: AsyncIterable<ConversationOutput>): Promise<ConversationOutput[]> {
  const collected: ConversationOutput[] = [];
  for await (const output of outputs) collected.push(output);
  return collected;
}
