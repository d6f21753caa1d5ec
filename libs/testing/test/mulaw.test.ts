import { describe, expect, it } from 'vitest';
import { linearToMulaw, MULAW_FRAME_BYTES, patternedBytes, patternedFrames, toneFrames } from '../src';

describe('G.711 mu-law', () => {
  it('encodes the reference points of the G.711 table', () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(linearToMulaw(-1)).toBe(0x7f);
    expect(linearToMulaw(32_767)).toBe(0x80);
    expect(linearToMulaw(-32_768)).toBe(0x00);
    expect(linearToMulaw(40_000)).toBe(0x80); // clipped
  });

  it('gives louder samples lower codes (the bits are inverted), never a higher one', () => {
    let previous = linearToMulaw(0);
    for (let sample = 1; sample <= 32_767; sample += 97) {
      const code = linearToMulaw(sample);
      expect(code).toBeLessThanOrEqual(previous);
      previous = code;
    }
    expect(previous).toBeLessThan(0x90);
  });

  it('is symmetric but for the sign bit', () => {
    for (const sample of [1, 100, 1_000, 10_000, 30_000]) {
      expect(linearToMulaw(-sample)).toBe(linearToMulaw(sample) & 0x7f);
    }
  });

  it('makes 20 ms frames of a continuous tone (silence for zero amplitude)', () => {
    const frames = toneFrames(3, 440);
    expect(frames.map((frame) => frame.length)).toEqual([MULAW_FRAME_BYTES, MULAW_FRAME_BYTES, MULAW_FRAME_BYTES]);
    expect(frames[0]?.[0]).toBe(0xff); // sin(0) = 0
    expect(new Set(frames[1]).size).toBeGreaterThan(10);
    expect(toneFrames(1, 440, 0)[0]?.every((byte) => byte === 0xff)).toBe(true);
  });
});

describe('patterned audio', () => {
  it('differs for every seed, so chunks can be told apart', () => {
    expect([...patternedBytes(4, 0)]).toEqual([0, 1, 2, 3]);
    expect([...patternedBytes(4, 1)]).toEqual([31, 32, 33, 34]);
    expect([...patternedBytes(3, 9)]).toEqual([23, 24, 25]); // (9 * 31) % 256 = 23

    const frames = patternedFrames(3);
    expect(frames.map((frame) => frame.length)).toEqual([160, 160, 160]);
    expect(frames[2]).toEqual(patternedBytes(160, 2));
  });
});
