import type { Logger, SpeechSynthesizer } from '../ports';
import { AsyncQueue } from './async-queue';
import { MulawFramer } from './mulaw-frames';
import type { CallAudioOutlet, PacedPlayer } from './paced-player';
import type { PlaybackLedger } from './playback-ledger';

export interface TurnSpeechDeps {
  synthesizer: SpeechSynthesizer;
  player: PacedPlayer;
  outlet: CallAudioOutlet;
  ledger: PlaybackLedger;
  logger: Logger;
  logFields: Record<string, unknown>;
}

export interface TurnSpeechSummary {
  /** Clauses whose audio and mark were sent. */
  clausesSent: number;
  /** The mark after the last clause sent: once it comes back, the caller has heard the whole turn. */
  lastMark: string | undefined;
}

/** One clause and its synthesis, which may start before the clause before it has finished playing. */
class ClauseAudio {
  private readonly chunks = new AsyncQueue<Uint8Array>();
  private started = false;

  constructor(
    readonly text: string,
    private readonly synthesizer: SpeechSynthesizer,
    private readonly signal: AbortSignal,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.pump();
  }

  audio(): AsyncGenerator<Uint8Array, void, undefined> {
    this.start();
    return this.chunks.drain();
  }

  private async pump(): Promise<void> {
    try {
      for await (const chunk of this.synthesizer.synthesize(this.text, { signal: this.signal })) {
        if (this.signal.aborted) break;
        this.chunks.push(chunk);
      }
      this.chunks.end();
    } catch (error) {
      this.chunks.fail(error);
    }
  }
}

/**
 * The speech of one agent turn: clauses go in as the conversation streams them and come out as paced
 * 20 ms frames, each clause followed by its mark. The next clause is synthesized while the current one
 * plays, so there is no gap between clauses for the synthesizer's first byte.
 */
export class TurnSpeech {
  readonly done: Promise<TurnSpeechSummary>;
  private readonly queue: ClauseAudio[] = [];
  private closed = false;
  private wake: (() => void) | undefined;
  private clausesSent = 0;
  private lastMark: string | undefined;
  private framesSent = 0;
  private speaking = false;

  constructor(
    readonly turnId: number,
    private readonly signal: AbortSignal,
    private readonly deps: TurnSpeechDeps,
  ) {
    signal.addEventListener('abort', () => this.notify(), { once: true });
    this.done = this.run();
  }

  /** Queues a clause to be spoken after the ones before it. */
  say(text: string): void {
    if (this.closed || this.signal.aborted) return;
    this.queue.push(new ClauseAudio(text, this.deps.synthesizer, this.signal));
    if (this.speaking) this.queue[0]?.start(); // synthesize the next clause while this one plays
    this.notify();
  }

  /** No more clauses will come; `done` resolves once the queued ones have been sent. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Whether any audio of this turn has gone out. */
  get hasSentAudio(): boolean {
    return this.framesSent > 0;
  }

  private async run(): Promise<TurnSpeechSummary> {
    let index = 0;
    for (let clause = await this.next(); clause; clause = await this.next()) {
      this.speaking = true;
      clause.start();
      this.queue[0]?.start(); // synthesize the next clause while this one plays
      await this.speak(clause, index);
      this.speaking = false;
      index += 1;
    }
    return { clausesSent: this.clausesSent, lastMark: this.lastMark };
  }

  private async next(): Promise<ClauseAudio | undefined> {
    for (;;) {
      if (this.signal.aborted) return undefined;
      const clause = this.queue.shift();
      if (clause) return clause;
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private async speak(clause: ClauseAudio, index: number): Promise<void> {
    const { player, outlet, ledger, logger, logFields } = this.deps;
    const framer = new MulawFramer();
    let frames = 0;
    try {
      for await (const chunk of clause.audio()) {
        for (const frame of framer.push(chunk)) {
          if (!(await player.play(frame, this.signal))) return;
          frames += 1;
          this.framesSent += 1;
        }
      }
    } catch (error) {
      if (this.signal.aborted) return;
      // What was already played of this clause stays unconfirmed: no mark, so it is not in the transcript.
      logger.warn({ ...logFields, turnId: this.turnId, clause: index, ...errorFields(error) }, 'speech synthesis failed; clause skipped');
      return;
    }
    const tail = framer.flush();
    if (tail) {
      if (!(await player.play(tail, this.signal))) return;
      frames += 1;
      this.framesSent += 1;
    }
    if (frames === 0 || this.signal.aborted) return;
    const mark = `t${this.turnId}c${index}`;
    ledger.sent({ turnId: this.turnId, text: clause.text, mark });
    outlet.sendMark(mark);
    this.clausesSent += 1;
    this.lastMark = mark;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

export function errorFields(error: unknown): { errorName: string; errorMessage: string } {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message.slice(0, 200) };
  return { errorName: typeof error, errorMessage: 'non-Error value thrown' };
}
