import type { Utterance } from '../../model';
import type { ModelMessage, ModelToolCall } from '../../ports';

/** One round of tool use by the model: the calls it made and what each returned, in order. */
export interface ToolExchange {
  /** How many utterances the transport's transcript held when the round ran: the exchange goes there. */
  transcriptLength: number;
  /** What the model said in that round alongside its calls. */
  spokenText: string;
  calls: { call: ModelToolCall; content: string }[];
}

/**
 * The model's view of the call: the system prompt, then the transcript as the transport recorded it
 * (what was actually said and heard), with our own tool exchanges woven in where they happened.
 *
 * The transport later records the agent's spoken words in its transcript, so an exchange carries its
 * own spoken text only while the transcript has not moved past it (the turn still in progress);
 * afterwards the transcript is the authority and the text would be said twice.
 */
export function buildModelMessages(
  systemPrompt: string,
  transcript: readonly Utterance[],
  exchanges: readonly ToolExchange[],
): ModelMessage[] {
  const messages: ModelMessage[] = [{ role: 'system', content: systemPrompt }];
  const byPosition = groupByPosition(exchanges, transcript.length);
  for (let position = 0; position <= transcript.length; position += 1) {
    for (const exchange of byPosition.get(position) ?? []) {
      messages.push(...exchangeMessages(exchange, transcript.length > position));
    }
    const utterance = transcript[position];
    if (utterance && utterance.text.trim().length > 0) {
      messages.push(
        utterance.speaker === 'caller'
          ? { role: 'user', content: utterance.text }
          : { role: 'assistant', content: utterance.text },
      );
    }
  }
  return messages;
}

/** Exchanges keyed by the transcript position they precede; ones beyond the transcript go at its end. */
function groupByPosition(exchanges: readonly ToolExchange[], transcriptLength: number): Map<number, ToolExchange[]> {
  const groups = new Map<number, ToolExchange[]>();
  for (const exchange of exchanges) {
    if (exchange.calls.length === 0) continue;
    const position = Math.min(Math.max(exchange.transcriptLength, 0), transcriptLength);
    const group = groups.get(position);
    if (group) group.push(exchange);
    else groups.set(position, [exchange]);
  }
  return groups;
}

function exchangeMessages(exchange: ToolExchange, transcriptMovedOn: boolean): ModelMessage[] {
  return [
    {
      role: 'assistant',
      content: transcriptMovedOn ? '' : exchange.spokenText,
      toolCalls: exchange.calls.map(({ call }) => ({ ...call })),
    },
    ...exchange.calls.map(({ call, content }): ModelMessage => ({ role: 'tool', toolCallId: call.id, content })),
  ];
}
