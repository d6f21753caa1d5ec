import { describe, expect, it } from 'vitest';
import type { CallOutcome } from '../../model';
import { CallOutcomeRank, compareOutcomes, strongestOutcome } from './outcome';

describe('call outcome ranking', () => {
  it('ranks emergency > booked > rescheduled > cancelled > transferred > information > no_action', () => {
    const weakestFirst: CallOutcome[] = ['information', 'emergency_routed', 'no_action', 'cancelled', 'booked', 'transferred', 'rescheduled'];
    expect([...weakestFirst].sort(compareOutcomes)).toEqual([
      'no_action',
      'information',
      'transferred',
      'cancelled',
      'rescheduled',
      'booked',
      'emergency_routed',
    ]);
    expect(Object.keys(CallOutcomeRank)).toHaveLength(7);
  });

  it('keeps the strongest outcome reached, in any order', () => {
    expect(strongestOutcome(['information', 'booked', 'transferred'])).toBe('booked');
    expect(strongestOutcome(['cancelled', 'rescheduled'])).toBe('rescheduled');
    expect(strongestOutcome(['booked', 'emergency_routed', 'information'])).toBe('emergency_routed');
  });

  it('is no_action when nothing was reached', () => {
    expect(strongestOutcome([])).toBe('no_action');
    expect(strongestOutcome(['no_action'])).toBe('no_action');
  });
});
