import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy';

const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000, minDelayMs: 100 };
const almostOne = () => 0.999_999;

describe('retryDelayMs', () => {
  it('doubles the ceiling with every failed attempt', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, policy, almostOne));
    expect(ceilings).toEqual([999, 1_999, 3_999, 7_999, 15_999, 31_999]);
  });

  it('caps the wait, however many attempts have failed, and never overflows', () => {
    expect(retryDelayMs(7, policy, almostOne)).toBe(59_999);
    expect(retryDelayMs(1_000, policy, almostOne)).toBe(59_999);
    expect(retryDelayMs(Number.MAX_SAFE_INTEGER, DEFAULT_RETRY_POLICY, almostOne)).toBe(5 * 60_000 - 1);
  });

  it('draws the wait uniformly below the ceiling (full jitter)', () => {
    const draws = [0.1, 0.25, 0.5, 0.75];
    expect(draws.map((draw) => retryDelayMs(4, policy, () => draw))).toEqual([800, 2_000, 4_000, 6_000]);
  });

  it('never waits less than the floor, so a zero draw does not become a hot loop', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(100);
    expect(retryDelayMs(10, policy, () => 0.001)).toBe(100);
  });

  it('keeps a misbehaving random source within [0, 1]', () => {
    expect(retryDelayMs(2, policy, () => 7)).toBe(2_000);
    expect(retryDelayMs(2, policy, () => -3)).toBe(100);
  });
});
