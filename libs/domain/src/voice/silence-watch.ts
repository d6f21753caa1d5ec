import type { PlaybackClock } from './playback-clock';

export interface SilenceWatchDeps {
  clock: PlaybackClock;
  /** How long the caller may stay silent after the agent finished; 0 never prompts. */
  silenceMs: number;
  /** Whether a prompt may start now (the call is live and no turn is running). */
  canPrompt: () => boolean;
  /** Clauses the caller has not finished hearing. */
  unheardClauses: () => number;
  onSilence: () => void;
}

/**
 * Counts the caller's silence once the agent has finished speaking: from the moment the last clause has
 * been heard (its mark came back), not from when it was sent. Any caller sound restarts the count, so a
 * noise or a barge-in that trails off without words still leads to a prompt.
 */
export class SilenceWatch {
  private timer: AbortController | undefined;
  private armWhenHeard = false;

  constructor(private readonly deps: SilenceWatchDeps) {}

  /** The agent's turn is over: start counting once the caller has heard all of it. */
  agentFinished(): void {
    if (this.deps.silenceMs === 0 || !this.deps.canPrompt()) return;
    if (this.deps.unheardClauses() > 0) this.armWhenHeard = true;
    else this.arm();
  }

  /** A mark came back. */
  clauseHeard(): void {
    if (!this.armWhenHeard || this.deps.unheardClauses() > 0) return;
    this.armWhenHeard = false;
    this.arm();
  }

  /** The caller made a sound: silence is counted from now. */
  callerSound(): void {
    this.cancel();
    this.agentFinished();
  }

  cancel(): void {
    this.armWhenHeard = false;
    this.timer?.abort();
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer || !this.deps.canPrompt()) return;
    const timer = new AbortController();
    this.timer = timer;
    void this.deps.clock.sleep(this.deps.silenceMs, timer.signal).then(() => {
      if (timer.signal.aborted) return;
      this.timer = undefined;
      this.deps.onSilence();
    });
  }
}
