import { describe, expect, it } from 'vitest';
import { PracticeClock, chooseOffered } from '../../src';

const clock = new PracticeClock('2026-10-28T13:00:00Z', 'America/New_York');
const offered = [
  { start: '2026-11-03T10:00', labels: ['Sam Kim'] },
  { start: '2026-11-03T11:00', labels: ['Dr. Lee'] },
  { start: '2026-11-04T14:00', labels: ['Sam Kim'] },
];

describe('picking an offered slot', () => {
  it.each([
    ['the first one', 0],
    ['the second', 1],
    ["I'll take the last one", 2],
    ['10 am', 0],
    ['eleven', 1],
    ['two', 2],
    ['Wednesday', 2],
    ['Tuesday at 11', 1],
    ['November 4th', 2],
    ['the one with Dr. Lee', 1],
    ['the afternoon one', 2],
  ])('"%s" picks option %i', (said, index) => {
    expect(chooseOffered(said, offered, clock)).toBe(index);
  });

  it.each(['Tuesday', 'with Sam Kim', 'Friday', 'at 4', 'hmm'])('"%s" does not single one out', (said) => {
    expect(chooseOffered(said, offered, clock)).toBeUndefined();
  });

  it('does not take "December first" for the first option', () => {
    const december = [{ start: '2026-12-01T09:00' }, { start: '2026-12-02T09:00' }];
    expect(chooseOffered('December second', december, clock)).toBe(1);
  });
});
