import type { RecognitionEvent, RecognitionSession, SpeechRecognizer, SpeechSynthesizer } from '@crowndesk/domain';

/** A recognition session the test drives: it emits events on cue and keeps the audio it was fed. */
export class ScriptedRecognitionSession implements RecognitionSession {
  readonly audio: Uint8Array[] = [];
  closed = false;
  private readonly queue: RecognitionEvent[] = [];
  private readonly cued: RecognitionEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;

  constructor(readonly callId: string) {}

  sendAudio(audio: Uint8Array): void {
    this.audio.push(audio);
    for (const event of this.cued.splice(0)) this.emit(event);
  }

  /**
   * Emit these events when the next audio arrives. The audio comes over the stream after anything the
   * test sent before it (such as played marks), so the events are seen in that order too.
   */
  emitOnAudio(...events: RecognitionEvent[]): void {
    this.cued.push(...events);
  }

  get audioBytes(): number {
    return this.audio.reduce((total, chunk) => total + chunk.length, 0);
  }

  /** Emit a recognition event, as the vendor would. */
  emit(event: RecognitionEvent): void {
    this.queue.push(event);
    this.notify();
  }

  /** The vendor hung up on us: the events end. */
  endEvents(): void {
    this.ended = true;
    this.notify();
  }

  get events(): AsyncIterable<RecognitionEvent> {
    const next = async (): Promise<IteratorResult<RecognitionEvent>> => {
      for (;;) {
        const event = this.queue.shift();
        if (event) return { value: event, done: false };
        if (this.ended || this.closed) return { value: undefined, done: true };
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    };
    return { [Symbol.asyncIterator]: () => ({ next }) };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** A SpeechRecognizer double: one scripted session per call, or a failure to open. */
export class ScriptedRecognizer implements SpeechRecognizer {
  readonly sessions: ScriptedRecognitionSession[] = [];
  failToOpen: Error | undefined;
  private readonly waiters: (() => void)[] = [];

  async open(options: { callId: string; signal: AbortSignal }): Promise<RecognitionSession> {
    if (this.failToOpen) throw this.failToOpen;
    const session = new ScriptedRecognitionSession(options.callId);
    this.sessions.push(session);
    for (const waiter of this.waiters.splice(0)) waiter();
    return session;
  }

  /** The session of the `index`-th call, once it has been opened. */
  async session(index = 0): Promise<ScriptedRecognitionSession> {
    while (!this.sessions[index]) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.sessions[index] as ScriptedRecognitionSession;
  }
}

export interface Synthesis {
  text: string;
  signal: AbortSignal;
  /** The byte every audio byte of this clause carries, so frames can be traced to their clause. */
  marker: number;
}

/**
 * A SpeechSynthesizer double that answers at once: `bytesPerClause` bytes of mu-law per clause, in chunks
 * of `chunkBytes`, every byte set to the clause's marker (1, 2, 3, ... in request order).
 */
export class InstantSynthesizer implements SpeechSynthesizer {
  readonly requests: Synthesis[] = [];
  bytesPerClause = 400;
  chunkBytes = 100;
  /** Clauses containing this text fail to synthesize. */
  failOn: string | undefined;

  async *synthesize(text: string, options: { signal: AbortSignal }): AsyncGenerator<Uint8Array> {
    const marker = this.requests.length + 1;
    this.requests.push({ text, signal: options.signal, marker });
    if (this.failOn && text.includes(this.failOn)) throw new Error('synthesis failed');
    for (let sent = 0; sent < this.bytesPerClause; sent += this.chunkBytes) {
      if (options.signal.aborted) return;
      yield new Uint8Array(Math.min(this.chunkBytes, this.bytesPerClause - sent)).fill(marker);
    }
  }

  texts(): string[] {
    return this.requests.map((request) => request.text);
  }
}
