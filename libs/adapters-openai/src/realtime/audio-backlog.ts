/** Caller audio held while the socket connects, bounded in bytes; the oldest chunks give way. */
export class AudioBacklog {
  readonly #chunks: Uint8Array[] = [];
  readonly #maxBytes: number;
  #bytes = 0;
  #droppedBytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Keeps a copy of the chunk (the caller may reuse its buffer). Returns the bytes this push dropped. */
  push(chunk: Uint8Array): number {
    this.#chunks.push(chunk.slice());
    this.#bytes += chunk.byteLength;
    let dropped = 0;
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#chunks.shift();
      if (oldest === undefined) break;
      this.#bytes -= oldest.byteLength;
      dropped += oldest.byteLength;
    }
    this.#droppedBytes += dropped;
    return dropped;
  }

  /** Hands over everything held, oldest first, and empties the backlog. */
  drain(): Uint8Array[] {
    const chunks = this.#chunks.splice(0);
    this.#bytes = 0;
    return chunks;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get droppedBytes(): number {
    return this.#droppedBytes;
  }
}
