import type { Utterance } from '@crowndesk/domain';
import type { RetellTranscriptItem } from './protocol/inbound-frames';

/**
 * Retell's transcript in the domain's words: `user` is the caller, `agent` is the receptionist.
 * Other roles (e.g. `transfer_target`, a human we transferred to) are not part of the receptionist's dialogue.
 */
export function toUtterances(items: readonly RetellTranscriptItem[]): Utterance[] {
  const utterances: Utterance[] = [];
  for (const item of items) {
    if (item.role === 'user') utterances.push({ speaker: 'caller', text: item.content });
    else if (item.role === 'agent') utterances.push({ speaker: 'agent', text: item.content });
  }
  return utterances;
}
