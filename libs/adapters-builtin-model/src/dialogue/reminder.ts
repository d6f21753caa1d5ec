import { Say, disconnectedFarewell } from '../phrasing';
import { askAgain } from './ask-again';
import type { Decision } from './decision';
import type { DialogueEnvironment } from './environment';
import type { HistoryEvent } from './history';
import type { DialogueState } from './state';

/** Reminders already given since the caller last spoke: our own lines that open with the reminder words. */
export function remindersGiven(events: readonly HistoryEvent[]): number {
  let count = 0;
  for (let index = events.length - 1; index >= 0; index -= 1) {
    const event = events[index];
    if (!event || event.kind !== 'agent') break;
    if (event.text.trim().startsWith(Say.stillThere)) count += 1;
  }
  return count;
}

/** A gentle prompt for a silent caller: the pending question again, or a goodbye after too many. */
export function remind(state: DialogueState, env: DialogueEnvironment, given: number, maxReminders: number): Decision {
  if (given >= maxReminders) {
    return { say: [disconnectedFarewell(env.practiceName)], tool: { name: 'end_call', args: {} }, pending: state.pending };
  }
  const again = askAgain(state, env);
  return { say: [Say.stillThere, ...again.say], pending: again.pending };
}
