/** Real telephone audio for the fake Twilio to stream: a tone encoded as G.711 mu-law, 20 ms per frame. */

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

/** `frames` frames of 160 bytes: a sine tone at `hz`, 8 kHz. */
export function toneFrames(frames: number, hz = 440, amplitude = 8_000): Uint8Array[] {
  return Array.from({ length: frames }, (_, frame) =>
    Uint8Array.from({ length: 160 }, (_, index) => {
      const t = (frame * 160 + index) / 8_000;
      return linearToMulaw(amplitude * Math.sin(2 * Math.PI * hz * t));
    }),
  );
}
