/** How long a relay waits before the next attempt at a message that failed transiently. */
export interface RetryPolicy {
  /** The ceiling of the first retry's wait; it doubles with each further attempt. */
  baseDelayMs: number;
  /** The largest ceiling: a message is retried at least this often, forever, until the backend takes it. */
  maxDelayMs: number;
  /** The shortest wait, so an unlucky draw of the jitter does not turn into a hot loop. */
  minDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000, minDelayMs: 500 };

/**
 * Exponential backoff with full jitter: a uniform draw in [0, min(max, base * 2^(attempt-1))), floored at
 * `minDelayMs`. Full jitter spreads the retries of a backlog, so a recovering backend is not hit by every
 * queued message at the same instant. `attempt` is the attempt that just failed (1 for the first).
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.min(Math.max(0, attempt - 1), 40); // 2^40 * base is far past any cap
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.max(policy.minDelayMs, Math.floor(draw * ceiling));
}
