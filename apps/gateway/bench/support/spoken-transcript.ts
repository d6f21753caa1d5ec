/**
 * The transcript as Retell resends it on every request: the whole call so far, each utterance with word
 * timings in seconds of call audio. Timings follow a plain speaking-rate model (about 2.5 words a second,
 * short gaps between words, a pause between speakers), so frames have the size and shape of a real call.
 */

export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

export interface TranscriptItem {
  role: 'agent' | 'user';
  content: string;
  words: TimedWord[];
}

const WORD_BASE_S = 0.14;
const PER_LETTER_S = 0.045;
const WORD_GAP_S = 0.04;
const TURN_GAP_S = 0.8;

export class SpokenTranscript {
  readonly #items: TranscriptItem[] = [];
  /** Seconds of call audio so far. */
  #clock = 0.5;

  get items(): readonly TranscriptItem[] {
    return this.#items;
  }

  say(role: TranscriptItem['role'], content: string): void {
    const words: TimedWord[] = [];
    for (const word of content.split(/\s+/).filter(Boolean)) {
      const start = this.#clock;
      const end = start + WORD_BASE_S + PER_LETTER_S * word.length;
      words.push({ word, start: seconds(start), end: seconds(end) });
      this.#clock = end + WORD_GAP_S;
    }
    this.#clock += TURN_GAP_S;
    this.#items.push({ role, content, words });
  }
}

/** Retell reports timings to the millisecond. */
function seconds(value: number): number {
  return Math.round(value * 1000) / 1000;
}
