const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
const WAVE = [0x57, 0x41, 0x56, 0x45]; // "WAVE"
const DATA = [0x64, 0x61, 0x74, 0x61]; // "data"
const WAV_PREAMBLE = 12; // "RIFF" <size> "WAVE"
const CHUNK_HEADER = 8; // <id> <size>
/** A header larger than this is not one we understand: stop looking and pass the bytes on. */
const MAX_HEADER = 4_096;

type State = 'sniffing' | 'skipping_header' | 'passthrough';

/**
 * Guarantees raw mu-law with no container bytes, which Twilio would play as a click or noise.
 * `ulaw_8000` from ElevenLabs is headerless; should a WAV container ever come back, its header is dropped.
 * Raw audio passes through as it arrives (only the first 12 bytes are ever held back).
 */
export class HeaderlessMuLaw {
  private state: State = 'sniffing';
  private pending: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array[] {
    if (this.state === 'passthrough') return chunk.length > 0 ? [chunk] : [];
    this.pending = concat(this.pending, chunk);
    if (this.state === 'sniffing') {
      if (this.pending.length < WAV_PREAMBLE && startsWith(RIFF, this.pending)) return [];
      if (!(startsWith(RIFF, this.pending) && matchesAt(this.pending, 8, WAVE))) return this.release(this.pending);
      this.state = 'skipping_header';
    }
    return this.skipHeader();
  }

  /** Whatever is still held back when the stream ends. */
  end(): Uint8Array[] {
    // A lone WAV header with no data chunk carries no audio; anything else held back is audio.
    if (this.state === 'skipping_header') return [];
    return this.release(this.pending);
  }

  private skipHeader(): Uint8Array[] {
    let offset = WAV_PREAMBLE;
    while (offset + CHUNK_HEADER <= this.pending.length) {
      const size = new DataView(this.pending.buffer, this.pending.byteOffset + offset + 4, 4).getUint32(0, true);
      if (matchesAt(this.pending, offset, DATA)) return this.release(this.pending.subarray(offset + CHUNK_HEADER));
      offset += CHUNK_HEADER + size + (size % 2);
      if (offset > MAX_HEADER) return this.release(this.pending);
    }
    return this.pending.length > MAX_HEADER ? this.release(this.pending) : [];
  }

  private release(bytes: Uint8Array): Uint8Array[] {
    this.state = 'passthrough';
    this.pending = new Uint8Array(0);
    return bytes.length > 0 ? [bytes] : [];
  }
}

function startsWith(prefix: readonly number[], bytes: Uint8Array): boolean {
  const length = Math.min(prefix.length, bytes.length);
  for (let i = 0; i < length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function matchesAt(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (bytes.length < offset + expected.length) return false;
  return expected.every((byte, i) => bytes[offset + i] === byte);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
