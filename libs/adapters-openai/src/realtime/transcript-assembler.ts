/**
 * Builds each utterance's interim text from its transcription deltas. Utterances are keyed by the
 * server's item id: one can still be transcribing while the caller has started the next.
 */
export class TranscriptAssembler {
  readonly #partials = new Map<string, string>();

  /** Adds a delta; returns the utterance's text so far, or undefined while it is still blank. */
  append(itemId: string, delta: string): string | undefined {
    const text = (this.#partials.get(itemId) ?? '') + delta;
    this.#partials.set(itemId, text);
    const trimmed = text.trim();
    return trimmed.length > 0 ? trimmed : undefined;
  }

  /** Ends the utterance with the server's full transcript; undefined when nothing was said. */
  complete(itemId: string, transcript: string): string | undefined {
    this.#partials.delete(itemId);
    const trimmed = transcript.trim();
    return trimmed.length > 0 ? trimmed : undefined;
  }

  /** Forgets an utterance whose transcription failed. */
  discard(itemId: string): void {
    this.#partials.delete(itemId);
  }
}
