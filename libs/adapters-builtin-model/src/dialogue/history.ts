import {
  TOOL_NAMES,
  toolArgumentSchemas,
  type ModelMessage,
  type ToolArguments,
  type ToolName,
  type ToolResult,
} from '@crowndesk/domain';
import { parseToolResult } from './tool-result-schema';

/** A tool the engine called earlier in the call, with the arguments it passed (null if unreadable). */
export type ToolInvocation = { [K in ToolName]: { name: K; args: ToolArguments[K] | null } }[ToolName];

export interface ToolExchange {
  invocation: ToolInvocation;
  /** null when the tool message was not a valid ToolResult. */
  result: ToolResult | null;
}

/** The call as the dialogue tracker reads it, in order. */
export type HistoryEvent =
  | { kind: 'caller'; text: string }
  | { kind: 'agent'; text: string }
  | { kind: 'tools'; exchanges: ToolExchange[] };

/**
 * Turns the model messages into the call's history: what the caller said, what the receptionist said,
 * and each round of tools with its results. The system prompt is the engine's own business and skipped;
 * tool calls whose results never arrived (an aborted turn) did not happen as far as the dialogue goes.
 */
export function readHistory(messages: readonly ModelMessage[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const rounds: { event: Extract<HistoryEvent, { kind: 'tools' }>; byId: Map<string, ToolExchange> }[] = [];

  for (const message of messages) {
    switch (message.role) {
      case 'system':
        break;
      case 'user':
        if (message.content.trim().length > 0) events.push({ kind: 'caller', text: message.content });
        break;
      case 'assistant': {
        if (message.content.trim().length > 0) events.push({ kind: 'agent', text: message.content });
        const calls = message.toolCalls ?? [];
        if (calls.length === 0) break;
        const event: Extract<HistoryEvent, { kind: 'tools' }> = { kind: 'tools', exchanges: [] };
        const byId = new Map<string, ToolExchange>();
        for (const call of calls) {
          const invocation = readInvocation(call.name, call.arguments);
          if (invocation) byId.set(call.id, { invocation, result: null });
        }
        rounds.push({ event, byId });
        events.push(event);
        break;
      }
      case 'tool': {
        const round = rounds.findLast((candidate) => candidate.byId.has(message.toolCallId));
        const exchange = round?.byId.get(message.toolCallId);
        if (!round || !exchange || round.event.exchanges.includes(exchange)) break;
        exchange.result = parseToolResult(message.content);
        round.event.exchanges.push(exchange);
        break;
      }
    }
  }
  return events.filter((event) => event.kind !== 'tools' || event.exchanges.length > 0);
}

function readInvocation(name: string, rawArguments: string): ToolInvocation | null {
  if (!isToolName(name)) return null;
  let json: unknown;
  try {
    json = JSON.parse(rawArguments);
  } catch {
    return { name, args: null } as ToolInvocation;
  }
  const parsed = toolArgumentSchemas[name].safeParse(json);
  return { name, args: parsed.success ? parsed.data : null } as ToolInvocation;
}

function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}
