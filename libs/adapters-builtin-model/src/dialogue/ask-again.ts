import { Say } from '../phrasing';
import type { Decision } from './decision';
import type { DialogueEnvironment } from './environment';
import { nextStep } from './next-step';
import type { DialogueState } from './state';

/** The pending question once more: after a line we could not understand, or for a silent caller. */
export function askAgain(state: DialogueState, env: DialogueEnvironment): Decision {
  const pending = state.pending;
  switch (pending.question) {
    case 'how_can_i_help':
      return { say: [Say.howCanIHelp], pending };
    case 'anything_else':
      return { say: [Say.anythingElse], pending };
    case 'what_to_change':
      return { say: [Say.askWhatToChange], pending };
    case 'transfer_offer':
      return { say: [pending.transferReason === 'emergency' ? Say.emergencyOffer : Say.offerFrontDesk], pending };
    default: {
      // The other questions follow from the task itself: asking for the next step asks them again.
      const step = nextStep(state, env);
      return step.tool ? { say: [Say.howCanIHelp], pending: { question: 'how_can_i_help' } } : step;
    }
  }
}
