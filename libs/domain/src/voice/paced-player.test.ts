import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, FRAME_MS } from './mulaw-frames';
import { PacedPlayer, type CallAudioOutlet } from './paced-player';
import type { PlaybackClock } from './playback-clock';

/** A clock that only moves when someone sleeps on it, so pacing can be checked without waiting. */
class SteppingClock implements PlaybackClock {
  time = 0;
  readonly sleeps: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.sleeps.push(ms);
    this.time += ms;
  }
}

class RecordingOutlet implements CallAudioOutlet {
  readonly sent: { frame: number; at: number }[] = [];
  constructor(private readonly clock: SteppingClock) {}
  sendAudio(): void {
    this.sent.push({ frame: this.sent.length, at: this.clock.now() });
  }
  sendMark(): void {}
  clearAudio(): void {}
}

const frame = new Uint8Array(FRAME_BYTES);

describe('PacedPlayer', () => {
  it('sends the lead at once, then one frame per frame duration', async () => {
    const clock = new SteppingClock();
    const outlet = new RecordingOutlet(clock);
    const player = new PacedPlayer(outlet, clock, 60);
    const signal = new AbortController().signal;
    for (let index = 0; index < 10; index += 1) await player.play(frame, signal);
    const times = outlet.sent.map((sent) => sent.at);
    // 4 frames go out before 60 ms are buffered; from then on each send waits for one frame to play.
    expect(times).toEqual([0, 0, 0, 0, 20, 40, 60, 80, 100, 120]);
    expect(player.bufferedMs()).toBe(80);
    expect(clock.sleeps.every((ms) => ms === FRAME_MS)).toBe(true);
  });

  it('starts a fresh lead once the buffer has played out or was cleared', async () => {
    const clock = new SteppingClock();
    const outlet = new RecordingOutlet(clock);
    const player = new PacedPlayer(outlet, clock, 0);
    const signal = new AbortController().signal;
    await player.play(frame, signal);
    await player.play(frame, signal);
    expect(player.bufferedMs()).toBe(20);
    player.cleared();
    expect(player.bufferedMs()).toBe(0);
    clock.time += 1_000;
    await player.play(frame, signal);
    expect(outlet.sent.map((sent) => sent.at)).toEqual([0, 20, 1_020]);
  });

  it('sends nothing once aborted', async () => {
    const clock = new SteppingClock();
    const outlet = new RecordingOutlet(clock);
    const player = new PacedPlayer(outlet, clock, 0);
    const controller = new AbortController();
    expect(await player.play(frame, controller.signal)).toBe(true);
    controller.abort();
    expect(await player.play(frame, controller.signal)).toBe(false);
    expect(outlet.sent).toHaveLength(1);
  });
});
