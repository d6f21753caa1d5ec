import {
  TOOL_NAMES,
  toolArgumentSchemas,
  type ConversationContext,
  type LanguageModel,
  type ModelMessage,
  type ModelToolCall,
  type ToolName,
  type ToolResult,
} from '@crowndesk/domain';

/** Answers the engine's tool calls with results of the exact contract types. */
export type ToolResponder = (call: { name: string; args: Record<string, unknown> }) => ToolResult;

export interface TurnResult {
  /** Everything the receptionist said in the turn, joined. */
  speech: string;
  /** The text pieces as streamed. */
  pieces: string[];
  /** Tool calls made in the turn, in order, with parsed arguments. */
  calls: { id: string; name: string; args: Record<string, unknown> }[];
}

interface Utterance {
  speaker: 'caller' | 'agent';
  text: string;
}

interface Exchange {
  transcriptLength: number;
  spokenText: string;
  calls: { call: ModelToolCall; content: string }[];
}

/** The rounds the conversation allows in one turn before it gives up. */
const MAX_ROUNDS = 4;

/**
 * Drives the engine the way the domain's conversation does: the transcript (caller lines as user,
 * agent lines as assistant) with tool exchanges woven in where they happened; after a round with tool
 * calls, the tools run and the model is asked again to speak about the results.
 */
export class SimulatedCall {
  private readonly transcript: Utterance[] = [];
  private readonly exchanges: Exchange[] = [];
  /** Every tool call of the whole call, in order. */
  readonly toolCalls: { name: string; args: Record<string, unknown> }[] = [];

  constructor(
    private readonly model: LanguageModel,
    private readonly context: ConversationContext,
    private readonly respond: ToolResponder,
    greeting = `Thank you for calling ${context.practiceName}. How can I help you today?`,
  ) {
    this.transcript.push({ speaker: 'agent', text: greeting });
  }

  /** The caller says `text`; returns the receptionist's whole turn. */
  say(text: string): Promise<TurnResult> {
    this.transcript.push({ speaker: 'caller', text });
    return this.turn(false);
  }

  /** The caller stays silent and the transport asks for a reminder. */
  silence(): Promise<TurnResult> {
    return this.turn(true);
  }

  /** The messages the model would be given now. */
  messages(): ModelMessage[] {
    return buildMessages(this.transcript, this.exchanges);
  }

  private async turn(reminder: boolean): Promise<TurnResult> {
    const result: TurnResult = { speech: '', pieces: [], calls: [] };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const exchange: Exchange = { transcriptLength: this.transcript.length, spokenText: '', calls: [] };
      const roundCalls: ModelToolCall[] = [];
      const controller = new AbortController();
      for await (const event of this.model.stream({
        messages: buildMessages(this.transcript, [...this.exchanges, exchange]),
        tools: [],
        context: { ...this.context, reminder },
        signal: controller.signal,
      })) {
        if (event.type === 'text') {
          exchange.spokenText += event.text;
          result.pieces.push(event.text);
        } else {
          roundCalls.push(event.call);
        }
      }
      result.speech += (result.speech && exchange.spokenText ? ' ' : '') + exchange.spokenText;
      if (roundCalls.length === 0) break;
      let callEffect = false;
      for (const call of roundCalls) {
        const args = validArguments(call);
        result.calls.push({ id: call.id, name: call.name, args });
        this.toolCalls.push({ name: call.name, args });
        const toolResult = this.respond({ name: call.name, args });
        exchange.calls.push({ call, content: JSON.stringify(toolResult) });
        // A successful transfer or hang-up ends the turn: the model is not asked again.
        if (toolResult.ok && (call.name === 'end_call' || call.name === 'transfer_to_staff')) callEffect = true;
      }
      this.exchanges.push(exchange);
      if (callEffect) break;
    }
    if (result.speech.trim().length > 0) this.transcript.push({ speaker: 'agent', text: result.speech });
    return result;
  }
}

/** As the conversation builds them: exchanges keep their own text only until the transcript moves past. */
function buildMessages(transcript: readonly Utterance[], exchanges: readonly Exchange[]): ModelMessage[] {
  const messages: ModelMessage[] = [{ role: 'system', content: 'You are the receptionist.' }];
  for (let position = 0; position <= transcript.length; position += 1) {
    for (const exchange of exchanges.filter((candidate) => candidate.transcriptLength === position)) {
      if (exchange.calls.length === 0) continue;
      messages.push({
        role: 'assistant',
        content: transcript.length > position ? '' : exchange.spokenText,
        toolCalls: exchange.calls.map(({ call }) => call),
      });
      for (const { call, content } of exchange.calls) messages.push({ role: 'tool', toolCallId: call.id, content });
    }
    const utterance = transcript[position];
    if (utterance) {
      messages.push(utterance.speaker === 'caller' ? { role: 'user', content: utterance.text } : { role: 'assistant', content: utterance.text });
    }
  }
  return messages;
}

/** The conversation validates every call against the contract; a test fails on anything it would reject. */
function validArguments(call: ModelToolCall): Record<string, unknown> {
  if (!(TOOL_NAMES as readonly string[]).includes(call.name)) throw new Error(`unknown tool ${call.name}`);
  const args = JSON.parse(call.arguments) as Record<string, unknown>;
  toolArgumentSchemas[call.name as ToolName].parse(args);
  return args;
}
