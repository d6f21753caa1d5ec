/**
 * Spoken numbers to digits, the way callers say them: "ten" -> "10", "two thirty" -> "2:30",
 * "nineteen eighty five" -> "1985", "two thousand and three" -> "2003", "the fourteenth" -> "the 14th".
 * Date and time parsers downstream only need to understand digits.
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ORDINAL_UNITS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
};
const ORDINAL_TEENS: Readonly<Record<string, number>> = {
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

/** Words after which a lone "one" is a time ("at one"), not a pronoun ("the first one"). */
const TIME_LEADS = new Set(['at', 'around', 'about', 'by', 'after', 'before', 'until', 'till', 'til']);
const MERIDIEM_WORDS = /^(?:am|pm|a\.m\.?|p\.m\.?|o'?clock|oclock)$/;

interface NumberPhrase {
  value: number;
  ordinal: boolean;
  /** Words consumed. */
  length: number;
  /** Said as two digits ("thirty", "fifteen", "oh five"): can be minutes or the end of a year. */
  twoDigit: boolean;
  /** Punctuation that followed the phrase's last word (a comma ends a run of numbers). */
  trailing: string;
}

interface Word {
  bare: string;
  trailing: string;
}

function splitWord(raw: string): Word {
  const match = /^(.*?)([,.;:!?]*)$/.exec(raw);
  return { bare: (match?.[1] ?? raw).toLowerCase(), trailing: match?.[2] ?? '' };
}

function readPhrase(words: readonly Word[], index: number, allowOh: boolean): NumberPhrase | null {
  const first = words[index];
  if (!first) return null;
  const second = words[index + 1];
  const joinable = first.trailing === '' && second !== undefined;
  const word = first.bare;

  if (word in TENS) {
    const tens = TENS[word] ?? 0;
    if (joinable && second.bare in UNITS && second.bare !== 'zero') {
      return { value: tens + (UNITS[second.bare] ?? 0), ordinal: false, length: 2, twoDigit: true, trailing: second.trailing };
    }
    if (joinable && second.bare in ORDINAL_UNITS) {
      const value = tens + (ORDINAL_UNITS[second.bare] ?? 0);
      return { value, ordinal: true, length: 2, twoDigit: true, trailing: second.trailing };
    }
    return { value: tens, ordinal: false, length: 1, twoDigit: true, trailing: first.trailing };
  }
  if (word in TEENS) return { value: TEENS[word] ?? 0, ordinal: false, length: 1, twoDigit: true, trailing: first.trailing };
  if (word in ORDINAL_TEENS) {
    return { value: ORDINAL_TEENS[word] ?? 0, ordinal: true, length: 1, twoDigit: true, trailing: first.trailing };
  }
  if (word in ORDINAL_UNITS) {
    return { value: ORDINAL_UNITS[word] ?? 0, ordinal: true, length: 1, twoDigit: false, trailing: first.trailing };
  }
  if (allowOh && (word === 'oh' || word === 'o') && joinable && second.bare in UNITS) {
    return { value: UNITS[second.bare] ?? 0, ordinal: false, length: 2, twoDigit: true, trailing: second.trailing };
  }
  if (word in UNITS) {
    const unit = UNITS[word] ?? 0;
    if (joinable && second.bare === 'thousand') return readThousands(words, index, unit, second.trailing);
    return { value: unit, ordinal: false, length: 1, twoDigit: false, trailing: first.trailing };
  }
  return null;
}

/** "two thousand", "two thousand three", "two thousand and twelve". */
function readThousands(words: readonly Word[], index: number, unit: number, thousandTrailing: string): NumberPhrase {
  const base: NumberPhrase = { value: unit * 1000, ordinal: false, length: 2, twoDigit: false, trailing: thousandTrailing };
  if (thousandTrailing !== '') return base;
  const skipAnd = words[index + 2]?.bare === 'and' && words[index + 2]?.trailing === '' ? 1 : 0;
  const rest = readPhrase(words, index + 2 + skipAnd, false);
  if (!rest || rest.ordinal || rest.value >= 100) return base;
  return { ...base, value: base.value + rest.value, length: 2 + skipAnd + rest.length, trailing: rest.trailing };
}

export function ordinalSuffix(value: number): string {
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return 'th';
  switch (value % 10) {
    case 1:
      return 'st';
    case 2:
      return 'nd';
    case 3:
      return 'rd';
    default:
      return 'th';
  }
}

function isTimeContext(words: readonly Word[], index: number, length: number): boolean {
  const before = words[index - 1];
  const after = words[index + length];
  return (before !== undefined && before.trailing === '' && TIME_LEADS.has(before.bare)) ||
    (after !== undefined && MERIDIEM_WORDS.test(after.bare));
}

export interface SpokenNumberOptions {
  /**
   * Read "two thirty" as the clock time "2:30" (default). Off for dates of birth, where "four fourteen
   * eighty five" is 4, 14, 85 and "oh four" is "04".
   */
  clockTimes?: boolean;
}

/** Replaces spoken numbers with digits; everything else is kept as it was (lower-cased). */
export function spokenNumbersToDigits(text: string, options: SpokenNumberOptions = {}): string {
  const clockTimes = options.clockTimes ?? true;
  // "eighty-five", "twenty-first": hyphenated number words are one number.
  const dehyphenated = text.replace(/\b([a-z]+)-([a-z]+)\b/gi, (whole, left: string, right: string) =>
    isNumberWord(left) && isNumberWord(right) ? `${left} ${right}` : whole,
  );
  const words = dehyphenated.split(/\s+/).filter((raw) => raw.length > 0).map(splitWord);
  const out: string[] = [];
  let index = 0;
  while (index < words.length) {
    const phrase = readPhrase(words, index, !clockTimes);
    const word = words[index];
    if (!phrase || !word) {
      if (word) out.push(word.bare + word.trailing);
      index += 1;
      continue;
    }
    const paired = phrase.trailing === '' && !phrase.ordinal ? pairWithNext(words, index, phrase, clockTimes) : null;
    if (paired) {
      out.push(paired.text);
      index += paired.length;
      continue;
    }
    if (phrase.value === 1 && !phrase.ordinal && phrase.length === 1 && clockTimes && !isTimeContext(words, index, 1)) {
      out.push(word.bare + word.trailing); // "that one", "the first one"
      index += 1;
      continue;
    }
    const digits = phrase.twoDigit ? String(phrase.value).padStart(2, '0') : String(phrase.value);
    out.push(`${digits}${phrase.ordinal ? ordinalSuffix(phrase.value) : ''}${phrase.trailing}`);
    index += phrase.length;
  }
  return out.join(' ');
}

/** "two thirty" -> "2:30" (a clock time), "nineteen eighty five" -> "1985" (a year). */
function pairWithNext(
  words: readonly Word[],
  index: number,
  phrase: NumberPhrase,
  clockTimes: boolean,
): { text: string; length: number } | null {
  const next = readPhrase(words, index + phrase.length, true);
  if (!next || next.ordinal || !next.twoDigit) return null;
  const length = phrase.length + next.length;
  if (clockTimes && phrase.value >= 1 && phrase.value <= 12 && phrase.length === 1 && next.value <= 59) {
    return { text: `${phrase.value}:${String(next.value).padStart(2, '0')}${next.trailing}`, length };
  }
  // Years are said in pairs only for 1900-2099 ("nineteen eighty five", "twenty twenty six").
  if ((phrase.value === 19 || phrase.value === 20) && phrase.length === 1) {
    return { text: `${phrase.value * 100 + next.value}${next.trailing}`, length };
  }
  return null;
}

function isNumberWord(word: string): boolean {
  const lower = word.toLowerCase();
  return lower in UNITS || lower in TEENS || lower in TENS || lower in ORDINAL_UNITS || lower in ORDINAL_TEENS;
}
