/** Telephone audio for tests: G.711 mu-law, 8 kHz, one byte per sample, 160 bytes per 20 ms frame. */

export const MULAW_FRAME_BYTES = 160;
const SAMPLE_RATE = 8_000;
const BIAS = 0x84;
const CLIP = 32_635;

/** G.711 mu-law encoding of one 16-bit linear sample. */
export function linearToMulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(Math.round(sample)), CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** `frames` consecutive 20 ms frames of a sine tone at `hz`: real audio, as a caller's handset sends it. */
export function toneFrames(frames: number, hz = 440, amplitude = 8_000): Uint8Array[] {
  return Array.from({ length: frames }, (_, frame) =>
    Uint8Array.from({ length: MULAW_FRAME_BYTES }, (_, index) => {
      const t = (frame * MULAW_FRAME_BYTES + index) / SAMPLE_RATE;
      return linearToMulaw(amplitude * Math.sin(2 * Math.PI * hz * t));
    }),
  );
}

/** `length` bytes of a pattern that differs for every `seed`, so tests can tell chunks apart and check order. */
export function patternedBytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) => (seed * 31 + index) % 256);
}

/** `count` distinct 20 ms chunks (chunk i is `patternedBytes(160, i)`). */
export function patternedFrames(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, chunk) => patternedBytes(MULAW_FRAME_BYTES, chunk));
}
