import type { PlaybackClock } from '@crowndesk/domain';

/**
 * A playback clock that moves only when the test advances it, so pacing can be observed frame by frame
 * without measuring wall-clock time.
 */
export class ManualPlaybackClock implements PlaybackClock {
  private time = 0;
  private readonly timers: { due: number; resolve: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = { due: this.time + ms, resolve };
      this.timers.push(timer);
      signal.addEventListener(
        'abort',
        () => {
          this.timers.splice(this.timers.indexOf(timer), 1);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Moves time forward, waking each sleeper at its due time and letting it run before the next one. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.due - b.due);
      const next = this.timers[0];
      if (!next || next.due > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, next.due);
      next.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.time = target;
  }
}
