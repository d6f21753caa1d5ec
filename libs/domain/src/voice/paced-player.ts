import { FRAME_MS } from './mulaw-frames';
import type { PlaybackClock } from './playback-clock';

/** Where call audio goes: the transport's side of playback. */
export interface CallAudioOutlet {
  /** One 20 ms frame of mu-law audio. */
  sendAudio(frame: Uint8Array): void;
  /** Ask to be told (markPlayed) once everything sent before this mark has played. */
  sendMark(name: string): void;
  /** Drop every frame the transport still holds; it returns the pending marks. */
  clearAudio(): void;
}

/**
 * Sends frames no faster than they play, keeping only `leadMs` of audio ahead in the transport's buffer.
 * Dumping a whole reply into the buffer would make barge-in useless: `clear` would come too late to matter,
 * and what the caller heard could not be told from what was queued.
 */
export class PacedPlayer {
  /** When, on the playback clock, everything sent so far will have finished playing. */
  private playedOutAt = 0;

  constructor(
    private readonly outlet: CallAudioOutlet,
    private readonly clock: PlaybackClock,
    private readonly leadMs: number,
  ) {}

  /** Sends one frame once the buffer ahead of the caller is short enough; false if aborted while waiting. */
  async play(frame: Uint8Array, signal: AbortSignal): Promise<boolean> {
    const ahead = this.bufferedMs() - this.leadMs;
    if (ahead > 0) await this.clock.sleep(ahead, signal);
    if (signal.aborted) return false;
    const now = this.clock.now();
    this.playedOutAt = Math.max(this.playedOutAt, now) + FRAME_MS;
    this.outlet.sendAudio(frame);
    return true;
  }

  /** Audio sent but, by our clock, not yet played. */
  bufferedMs(): number {
    return Math.max(0, this.playedOutAt - this.clock.now());
  }

  /** The transport's buffer was cleared: nothing is playing any more. */
  cleared(): void {
    this.playedOutAt = this.clock.now();
  }
}
