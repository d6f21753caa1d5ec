import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, MULAW_SILENCE, MulawFramer, mulawDurationMs } from './mulaw-frames';

const bytes = (length: number, start = 0): Uint8Array => Uint8Array.from({ length }, (_, index) => (start + index) % 256);

describe('MulawFramer', () => {
  it('re-cuts chunks of any size into 160-byte frames, keeping the byte order', () => {
    const framer = new MulawFramer();
    const frames = [...framer.push(bytes(100)), ...framer.push(bytes(250, 100)), ...framer.push(bytes(10, 350))];
    expect(frames).toHaveLength(2);
    expect(frames.every((frame) => frame.length === FRAME_BYTES)).toBe(true);
    expect([...frames[0]!, ...frames[1]!]).toEqual([...bytes(320)]);
    const tail = framer.flush();
    expect(tail).toHaveLength(FRAME_BYTES);
    expect([...tail!.subarray(0, 40)]).toEqual([...bytes(40, 320)]);
    expect(tail!.subarray(40).every((byte) => byte === MULAW_SILENCE)).toBe(true);
    expect(framer.flush()).toBeUndefined();
  });

  it('pads nothing when the audio ends on a frame boundary', () => {
    const framer = new MulawFramer();
    expect(framer.push(bytes(480))).toHaveLength(3);
    expect(framer.flush()).toBeUndefined();
  });

  it('knows how long mu-law audio plays', () => {
    expect(FRAME_BYTES).toBe(160);
    expect(mulawDurationMs(FRAME_BYTES)).toBe(20);
    expect(mulawDurationMs(8_000)).toBe(1_000);
  });
});
