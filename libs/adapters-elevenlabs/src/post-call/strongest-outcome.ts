import type { CallOutcome } from '@crowndesk/domain';

/**
 * The call record keeps the strongest outcome reached (domain rule, see CallRecord). Mirrors the domain's
 * CallOutcomeRank, which `@crowndesk/domain` does not export yet; typed so a new outcome fails to compile.
 */
const RANK: Readonly<Record<CallOutcome, number>> = {
  emergency_routed: 6,
  booked: 5,
  rescheduled: 4,
  cancelled: 3,
  transferred: 2,
  information: 1,
  no_action: 0,
};

export function strongestOutcome(outcomes: readonly CallOutcome[]): CallOutcome {
  return outcomes.reduce<CallOutcome>((strongest, outcome) => (RANK[outcome] > RANK[strongest] ? outcome : strongest), 'no_action');
}
