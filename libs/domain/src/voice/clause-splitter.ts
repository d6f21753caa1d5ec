/**
 * Cuts the receptionist's streamed text into clauses that can be spoken one by one, so speech starts on the
 * first clause instead of waiting for the whole reply. Pure: text in, clauses out.
 *
 * A clause ends
 * - at a sentence end: `.`, `!`, `?` or `…` (with any closing quotes or brackets) followed by whitespace,
 *   unless the word before the period is a known abbreviation ("Dr.", "a.m.") or a single initial ("J.");
 * - at a comma or semicolon followed by whitespace, once the clause has `minWordsForSoftBreak` words and
 *   the next word does not start with a digit ("March 3, 2026" stays whole);
 * - at a line break.
 * Punctuation followed by anything but whitespace never ends a clause ("10:30", "3.5", "1,200"), so a
 * break waits until the character after it has arrived.
 */

export interface ClauseSplitterOptions {
  /** Words a clause needs before a comma or semicolon may end it. Default 5. */
  minWordsForSoftBreak?: number;
}

const SENTENCE_END = new Set(['.', '!', '?', '…']);
const SOFT_BREAK = new Set([',', ';']);
const CLOSERS = new Set(['"', "'", ')', ']', '”', '’']);

/** Words after which a period does not end the sentence (lowercase, without the final period). */
const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'sr', 'jr', 'st', 'mt', 'ft',
  'a.m', 'p.m', 'am', 'pm', 'e.g', 'i.e', 'vs', 'approx', 'appt', 'no', 'nos', 'tel', 'ext', 'dept',
  'ave', 'blvd', 'rd', 'ste', 'apt', 'hwy',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
]);

const isWhitespace = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);
const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** The word that ends just before `end` (exclusive), lowercased, without leading punctuation. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && !isWhitespace(text[start - 1])) start -= 1;
  return text.slice(start, end).replace(/^[^\p{L}\p{N}]+/u, '').toLowerCase();
}

function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word);
}

export class ClauseSplitter {
  private buffer = '';
  private readonly minWordsForSoftBreak: number;

  constructor(options: ClauseSplitterOptions = {}) {
    this.minWordsForSoftBreak = Math.max(1, options.minWordsForSoftBreak ?? 5);
  }

  /** Adds streamed text; returns the clauses it completed, in order. */
  push(text: string): string[] {
    this.buffer += text;
    const clauses: string[] = [];
    for (let end = this.findBreak(); end !== undefined; end = this.findBreak()) {
      clauses.push(this.buffer.slice(0, end).trim());
      this.buffer = this.buffer.slice(end);
    }
    return clauses;
  }

  /** The text is complete: returns what is left as a last clause, if it has any words. */
  flush(): string[] {
    const rest = this.buffer.trim();
    this.buffer = '';
    return hasWords(rest) ? [rest] : [];
  }

  /** Where the first complete clause ends (exclusive), or undefined while none is complete yet. */
  private findBreak(): number | undefined {
    const text = this.buffer;
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index] as string;
      if (char === '\n') {
        if (hasWords(text.slice(0, index))) return index + 1;
        continue;
      }
      if (SENTENCE_END.has(char)) {
        let end = index + 1;
        while (end < text.length && (SENTENCE_END.has(text[end] as string) || CLOSERS.has(text[end] as string))) end += 1;
        if (end === text.length) return undefined; // the next character decides
        if (!isWhitespace(text[end])) {
          index = end - 1;
          continue;
        }
        if (char === '.' && end === index + 1 && isAbbreviation(wordBefore(text, index))) continue;
        if (hasWords(text.slice(0, index))) return end;
        index = end - 1;
        continue;
      }
      if (SOFT_BREAK.has(char)) {
        const after = index + 1;
        if (!isWhitespace(text[after])) continue;
        let next = after;
        while (next < text.length && isWhitespace(text[next])) next += 1;
        if (next === text.length) return undefined; // the next word decides
        if (isDigit(text[next])) continue;
        if (wordCount(text.slice(0, index)) >= this.minWordsForSoftBreak) return after;
      }
    }
    return undefined;
  }
}

function hasWords(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}
