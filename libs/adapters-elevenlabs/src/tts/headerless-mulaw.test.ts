import { describe, expect, it } from 'vitest';
import { HeaderlessMuLaw } from './headerless-mulaw';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'ascii'));
const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return Uint8Array.from(buffer);
};
const join = (...parts: Uint8Array[]) => Uint8Array.from(Buffer.concat(parts));

function run(chunks: Uint8Array[]): Uint8Array[] {
  const audio = new HeaderlessMuLaw();
  return [...chunks.flatMap((chunk) => audio.push(chunk)), ...audio.end()];
}

const wav = (...body: Uint8Array[]) =>
  join(ascii('RIFF'), u32(0), ascii('WAVE'), ascii('fmt '), u32(4), bytes(7, 0, 1, 0), ascii('data'), u32(0xffffffff), ...body);

describe('HeaderlessMuLaw', () => {
  it('passes raw mu-law through unchanged, chunk for chunk', () => {
    expect(run([bytes(0xff, 0x7f, 0x00, 0x10, 0x20), bytes(1, 2, 3)])).toEqual([bytes(0xff, 0x7f, 0x00, 0x10, 0x20), bytes(1, 2, 3)]);
  });

  it('releases a short first chunk as soon as it cannot be a WAV header', () => {
    const audio = new HeaderlessMuLaw();
    expect(audio.push(bytes(0x52))).toEqual([]); // "R": could still be RIFF
    expect(audio.push(bytes(0x00, 0x01))).toEqual([bytes(0x52, 0x00, 0x01)]);
    expect(audio.push(bytes(0x02))).toEqual([bytes(0x02)]);
  });

  it('drops a WAV header and keeps the audio after its data chunk', () => {
    expect(run([wav(bytes(9, 8, 7)), bytes(6, 5)])).toEqual([bytes(9, 8, 7), bytes(6, 5)]);
  });

  it('finds the data chunk across chunk boundaries', () => {
    const whole = wav(bytes(1, 2, 3, 4));
    expect(run([whole.subarray(0, 10), whole.subarray(10, 30), whole.subarray(30)])).toEqual([bytes(1, 2, 3, 4)]);
  });

  it('keeps audio that merely starts with the letters RIFF', () => {
    const riffLike = join(ascii('RIFF'), u32(5), ascii('nope'), bytes(1));
    expect(run([riffLike])).toEqual([riffLike]);
  });

  it('yields nothing for a lone header, and whatever short audio remains at the end', () => {
    expect(run([wav()])).toEqual([]);
    expect(run([bytes(0x52, 0x49)])).toEqual([bytes(0x52, 0x49)]);
  });
});
