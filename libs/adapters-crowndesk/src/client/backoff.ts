/**
 * Exponential backoff with full jitter: a uniformly random wait in [0, min(cap, base * 2^(retry-1))).
 * Full jitter spreads retries of many callers so a recovering backend is not hit in lock-step.
 */
export function fullJitterDelay(retry: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}
