/** Telephone audio for the voice tests: G.711 mu-law, 8 kHz, 160 bytes per 20 ms frame. */

export const FRAME_BYTES = 160;
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

/** `bytes` bytes of a sine tone at `hz`, starting at sample `offset`. */
export function tone(bytes: number, hz = 440, offset = 0): Buffer {
  const samples = Buffer.alloc(bytes);
  for (let index = 0; index < bytes; index += 1) {
    samples[index] = linearToMulaw(8_000 * Math.sin((2 * Math.PI * hz * (offset + index)) / 8_000));
  }
  return samples;
}

/** `count` consecutive 20 ms frames of a tone (what a caller's handset sends). */
export function toneFrames(count: number, hz = 300): Buffer[] {
  return Array.from({ length: count }, (_, frame) => tone(FRAME_BYTES, hz, frame * FRAME_BYTES));
}
