/** A chat model that streams text and tool calls: OpenAI, or the built-in deterministic engine. */

export interface ModelToolCall {
  id: string;
  name: string;
  /** Stringified JSON, exactly as the model produced it (may be malformed: the caller validates). */
  arguments: string;
}

export type ModelMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ModelToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** Facts a model needs to resolve "next Tuesday" and to speak for the practice. */
export interface ConversationContext {
  practiceName: string;
  timeZone: string;
  /** ISO instant of "now". */
  now: string;
  appointmentTypes: { code: string; name: string; durationMinutes: number }[];
  /** True when the model is asked because the caller has been silent (a reminder). */
  reminder: boolean;
}

export interface ModelRequest {
  messages: ModelMessage[];
  tools: ToolDefinition[];
  context: ConversationContext;
  /** Aborted when the turn is superseded or the call ends: stop streaming at once. */
  signal: AbortSignal;
}

export type ModelEvent = { type: 'text'; text: string } | { type: 'tool_call'; call: ModelToolCall };

export interface LanguageModel {
  stream(request: ModelRequest): AsyncIterable<ModelEvent>;
}
