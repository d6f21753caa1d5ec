import { applyCallerLine } from './caller-turn';
import type { Decision } from './decision';
import type { DialogueEnvironment } from './environment';
import type { HistoryEvent } from './history';
import { decide } from './policy';
import { initialState, type DialogueState } from './state';
import { applyToolRound } from './tool-turn';

export interface TrackedDialogue {
  state: DialogueState;
  /** The decision for the latest caller line or tool round (or the opening one, before any). */
  decision: Decision;
}

/**
 * Replays the call from the start: each caller line and tool round updates the state, and the policy's
 * decision for it sets the question the next line answers. The same messages always give the same
 * state, so the engine needs no memory of its own and survives reconnects and restarts.
 */
export function trackDialogue(events: readonly HistoryEvent[], env: DialogueEnvironment): TrackedDialogue {
  let state = initialState();
  let decision = decide(state, env);
  for (const event of events) {
    if (event.kind === 'agent') continue;
    state = event.kind === 'caller' ? applyCallerLine(state, event.text, env) : applyToolRound(state, event.exchanges);
    decision = decide(state, env);
    state = settle(state, decision);
  }
  return { state, decision };
}

/** What the decision changes in the state: the pending question, and a task it closes. */
function settle(state: DialogueState, decision: Decision): DialogueState {
  const next: DialogueState = { ...state, pending: decision.pending };
  if (decision.endTask) delete next.task;
  return next;
}
