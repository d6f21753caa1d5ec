import { normalizeUtterance } from './normalize';

export interface NameParse {
  /** Two to four name words, title-cased: "Jane Doe", "Mary-Kate O'Brien". */
  fullName?: string;
  /** A single name word, when that is all the caller gave. */
  firstName?: string;
}

export interface NameOptions {
  /** The caller was just asked for their name: a bare "Jane Doe" or "it's Jane Doe" counts. */
  expected: boolean;
}

/** Cues that introduce a name anywhere in the call. */
const STRONG_CUE = /\b(?:my name is|my name's|the name is|name is|name's|this is)\s+/;
/** Cues that introduce a name only right after we asked for it ("it's Jane Doe", "I'm Jane Doe"). */
const WEAK_CUE = /\b(?:it's|it is|its|i'm|i am|im|under|that's|that is|for|yes it's)\s+/;

/** Words that end a name: "Jane Doe and my birthday is ...". */
const STOP_WORDS = new Set([
  'and', 'my', 'date', 'birth', 'born', 'birthday', 'dob', 'i', "i'm", 'im', 'calling', 'speaking', 'here',
  'please', 'thanks', 'thank', 'with', 'on', 'at', 'from', 'but', 'so', 'who', 'because', 'again', 'by',
]);

/** Words no name is made of: if one turns up among the name words, it was not a name. */
const NOT_NAMES = new Set([
  'a', 'an', 'the', 'to', 'for', 'of', 'in', 'is', 'it', 'it\'s', 'this', 'that', 'yes', 'yeah', 'no', 'not', 'ok',
  'okay', 'sure', 'hi', 'hello', 'hey', 'um', 'uh', 'just', 'about', 'looking', 'trying', 'wondering', 'new',
  'patient', 'appointment', 'cleaning', 'exam', 'checkup', 'emergency', 'visit', 'booking', 'book',
  'schedule', 'reschedule', 'cancel', 'cancelling', 'canceling', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'today', 'tomorrow', 'morning', 'afternoon', 'evening', 'next', 'week',
  'am', 'pm', 'fine', 'good', 'great', 'well', 'sorry', 'actually', 'also', 'still', 'there', 'what', 'who',
  'why', 'how', 'when', 'where', 'can', 'could', 'would', 'will', 'do', 'does', 'need', 'want', 'like', 'have',
  'had', 'got', 'get', 'be', 'been', 'was', 'are', 'me', 'you', 'your', 'we', 'our', 'he', 'she', 'they',
  'his', 'her', 'their', 'son', 'daughter', 'wife', 'husband', 'mom', 'dad', 'mother', 'father', 'child',
  'kid', 'pain', 'tooth', 'teeth', 'dentist', 'doctor', 'office', 'practice', 'person', 'someone', 'human',
  'first', 'last', 'name', 'full', 'correct', 'right', 'wrong', 'same', 'one', 'available',
]);
/** Month names that are also names (April, May, June): a name unless a number follows ("may 3rd"). */
const CALENDAR_WORDS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
]);

const NAME_WORD = /^\p{L}[\p{L}'.-]*$/u;
/** Titles before a name: "this is Dr. Smith" gives Smith's name, not "Dr". */
const TITLES = new Set(['dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'mister']);
const LEADING_FILLERS = /^(?:(?:um+|uh+|er|yes|yeah|yep|sure|ok|okay|hi|hello|hey|well|oh|so|of course|absolutely)[,.!]?\s+)+/;

/** The caller's name in what they said, if they said it. */
export function parseName(text: string, options: NameOptions): NameParse {
  const plain = normalizeUtterance(text);
  const strong = STRONG_CUE.exec(plain);
  if (strong) {
    const parsed = nameAfter(plain.slice(strong.index + strong[0].length));
    if (parsed.fullName || parsed.firstName) return parsed;
  }
  if (!options.expected) return {};
  const weak = WEAK_CUE.exec(plain);
  if (weak) {
    const parsed = nameAfter(plain.slice(weak.index + weak[0].length));
    if (parsed.fullName || parsed.firstName) return parsed;
  }
  return nameAfter(plain.replace(LEADING_FILLERS, ''));
}

/**
 * Name words at the start of `rest`, up to a stop word or punctuation. A word that cannot be part of a
 * name ends it after two name words ("jane doe march 14 1985") and rejects it before ("sounds good").
 */
function nameAfter(rest: string): NameParse {
  const raws = rest.split(' ').filter((raw) => raw.length > 0);
  const words: string[] = [];
  for (const [index, raw] of raws.entries()) {
    const word = raw.replace(/[,.!?;:]+$/, '');
    if (STOP_WORDS.has(word)) break;
    if (words.length === 0 && TITLES.has(word)) continue;
    const startsDate = CALENDAR_WORDS.has(word) && /^\d/.test(raws[index + 1] ?? '');
    if (!NAME_WORD.test(word) || NOT_NAMES.has(word) || startsDate) {
      if (words.length >= 2) break;
      return {};
    }
    words.push(word);
    if (raw !== word || words.length > 4) break;
  }
  return fromWords(words);
}

function fromWords(words: readonly string[]): NameParse {
  if (words.length === 0 || words.length > 4) return {};
  const cased = words.map(titleCase);
  if (cased.length === 1) return { firstName: cased[0] };
  return { fullName: cased.join(' ') };
}

/** "mary-kate" -> "Mary-Kate", "o'brien" -> "O'Brien". */
export function titleCase(word: string): string {
  return word.replace(/(^|[-'])(\p{Ll})/gu, (_match, separator: string, letter: string) => separator + letter.toUpperCase());
}
