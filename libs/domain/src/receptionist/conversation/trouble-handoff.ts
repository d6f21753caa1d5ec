import type { CallOutcome, Practice } from '../../model';
import type { ConversationOutput } from '../conversation-output';
import { Phrases } from './phrases';

export interface Handoff {
  outputs: ConversationOutput[];
  /** Recorded in the session when the handoff is delivered. */
  outcome?: CallOutcome;
}

/**
 * When the receptionist cannot go on (model or tool failure, runaway tool use): apologise and hand the
 * caller to the front desk, or, with nobody to hand them to, end the call politely.
 */
export function troubleHandoff(practice: Practice): Handoff {
  const target =
    practice.transferTargets.find((candidate) => candidate.label === 'front_desk') ?? practice.transferTargets[0];
  if (!target) {
    return { outputs: [{ type: 'text', text: Phrases.troubleEnd }, { type: 'end_call' }] };
  }
  return {
    outputs: [
      { type: 'text', text: Phrases.troubleTransfer, uninterruptible: true },
      { type: 'transfer', number: target.number, reason: 'staff' },
    ],
    outcome: 'transferred',
  };
}
