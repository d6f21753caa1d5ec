import type { PlaybackClock } from './playback-clock';

/** Waiting for a clause's mark to come back, with a timeout: "has the caller heard the farewell yet?" */
export class MarkWaiters {
  private readonly waiters = new Set<(stop: boolean) => void>();

  constructor(
    private readonly clock: PlaybackClock,
    private readonly isPending: (mark: string) => boolean,
  ) {}

  /** Resolves true once the mark is no longer pending, false on timeout or when waiting is stopped. */
  wait(mark: string, timeoutMs: number): Promise<boolean> {
    if (!this.isPending(mark)) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timeout = new AbortController();
      const settle = (heard: boolean): void => {
        this.waiters.delete(check);
        timeout.abort();
        resolve(heard);
      };
      const check = (stop: boolean): void => {
        if (stop) settle(false);
        else if (!this.isPending(mark)) settle(true);
      };
      this.waiters.add(check);
      void this.clock.sleep(timeoutMs, timeout.signal).then(() => {
        if (!timeout.signal.aborted) settle(false);
      });
    });
  }

  /** A mark came back: wake whoever it settles. */
  markPlayed(): void {
    for (const check of [...this.waiters]) check(false);
  }

  /** The call is over: nobody waits any longer. */
  stopAll(): void {
    for (const check of [...this.waiters]) check(true);
  }
}
