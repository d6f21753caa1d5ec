/**
 * Telephone audio framing: G.711 mu-law, 8 kHz, mono, one byte per sample. Speech is sent to the phone
 * network in 20 ms frames of 160 bytes, so playback can be paced and measured frame by frame.
 */
export const MULAW_SAMPLE_RATE = 8_000;
export const FRAME_MS = 20;
export const FRAME_BYTES = (MULAW_SAMPLE_RATE * FRAME_MS) / 1_000;
/** Mu-law encodes silence (zero amplitude) as 0xFF. */
export const MULAW_SILENCE = 0xff;

/** The playing time of this many mu-law bytes, in milliseconds. */
export function mulawDurationMs(bytes: number): number {
  return (bytes * 1_000) / MULAW_SAMPLE_RATE;
}

/** Re-cuts audio chunks of any size into whole 160-byte frames. */
export class MulawFramer {
  private pending = new Uint8Array(FRAME_BYTES);
  private filled = 0;

  /** Adds audio; returns every frame it completed, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(FRAME_BYTES - this.filled, chunk.length - offset);
      this.pending.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === FRAME_BYTES) {
        frames.push(this.pending);
        this.pending = new Uint8Array(FRAME_BYTES);
        this.filled = 0;
      }
    }
    return frames;
  }

  /** The audio is complete: the partial last frame, padded with silence, if there is one. */
  flush(): Uint8Array | undefined {
    if (this.filled === 0) return undefined;
    const frame = this.pending;
    frame.fill(MULAW_SILENCE, this.filled);
    this.pending = new Uint8Array(FRAME_BYTES);
    this.filled = 0;
    return frame;
  }
}
