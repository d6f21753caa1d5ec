import { describe, expect, it } from 'vitest';
import { PlaybackLedger } from './playback-ledger';

const clause = (mark: string, turnId = 1) => ({ turnId, text: `text of ${mark}`, mark });

describe('PlaybackLedger', () => {
  it('reports a clause heard when its mark comes back', () => {
    const ledger = new PlaybackLedger();
    ledger.sent(clause('a'));
    ledger.sent(clause('b'));
    expect(ledger.outstanding).toBe(2);
    expect(ledger.played('a')).toEqual([clause('a')]);
    expect(ledger.isPending('a')).toBe(false);
    expect(ledger.isPending('b')).toBe(true);
    expect(ledger.outstanding).toBe(1);
  });

  it('treats a later mark as proof that the earlier ones played too', () => {
    const ledger = new PlaybackLedger();
    for (const mark of ['a', 'b', 'c']) ledger.sent(clause(mark));
    expect(ledger.played('b')).toEqual([clause('a'), clause('b')]);
    expect(ledger.played('a')).toEqual([]);
    expect(ledger.outstanding).toBe(1);
  });

  it('cuts every pending clause on clear and ignores their late echoes', () => {
    const ledger = new PlaybackLedger();
    for (const mark of ['a', 'b', 'c']) ledger.sent(clause(mark));
    expect(ledger.played('a')).toEqual([clause('a')]);
    expect(ledger.cutAll()).toEqual([clause('b'), clause('c')]);
    expect(ledger.outstanding).toBe(0);
    expect(ledger.played('b')).toEqual([]);
    expect(ledger.played('c')).toEqual([]);
    ledger.sent(clause('d', 2));
    expect(ledger.played('d')).toEqual([clause('d', 2)]);
  });

  it('ignores marks it never sent', () => {
    const ledger = new PlaybackLedger();
    ledger.sent(clause('a'));
    expect(ledger.played('unknown')).toEqual([]);
    expect(ledger.outstanding).toBe(1);
  });
});
