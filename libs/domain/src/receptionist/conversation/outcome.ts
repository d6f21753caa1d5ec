import type { CallOutcome } from '../../model';

/** How much a call achieved: the call record keeps the highest-ranked outcome reached. */
export const CallOutcomeRank: Readonly<Record<CallOutcome, number>> = {
  emergency_routed: 6,
  booked: 5,
  rescheduled: 4,
  cancelled: 3,
  transferred: 2,
  information: 1,
  no_action: 0,
};

/** Negative when `a` ranks below `b`: sorts outcomes weakest first. */
export function compareOutcomes(a: CallOutcome, b: CallOutcome): number {
  return CallOutcomeRank[a] - CallOutcomeRank[b];
}

/** The strongest of the outcomes reached in a call; `no_action` when none was reached. */
export function strongestOutcome(outcomes: readonly CallOutcome[]): CallOutcome {
  return outcomes.reduce<CallOutcome>(
    (strongest, outcome) => (compareOutcomes(outcome, strongest) > 0 ? outcome : strongest),
    'no_action',
  );
}
