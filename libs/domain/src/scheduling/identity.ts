import type { CallerIdentity, Patient } from '../model';

/**
 * Is the caller who they say they are? Date of birth must be equal, and the spoken name must start with the
 * patient's first name and end with their last name once case, accents, punctuation and spacing are set
 * aside ("José O'Brien-Smith" = "jose obrien smith"). Words between them (a middle name) are tolerated, as
 * are a courtesy title before and a generational suffix after.
 */
export function matchesIdentity(patient: Patient, identity: CallerIdentity): boolean {
  if (patient.dateOfBirth !== identity.dateOfBirth.trim()) return false;
  const first = compact(patient.firstName);
  const lasts = lastNameSpellings(patient.lastName);
  if (!first || lasts.length === 0) return false;
  return candidateWordings(nameWords(identity.fullName)).some((words) =>
    lasts.some((last) => framesName(words, first, last)),
  );
}

/** A full name split for registering a new patient; null when there is no distinct last name. */
export function splitFullName(fullName: string): { firstName: string; lastName: string } | null {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  while (words.length > 2 && TITLES.has(compact(words[0] as string))) words.shift();
  if (words.length < 2) return null;
  // The last name keeps its particles ("Maria de la Cruz") and generational suffix ("John Smith Jr.").
  let lastStart = words.length - 1;
  if (lastStart > 1 && SUFFIXES.has(compact(words[lastStart] as string))) lastStart -= 1;
  while (lastStart > 1 && PARTICLES.has(compact(words[lastStart - 1] as string))) lastStart -= 1;
  return { firstName: words[0] as string, lastName: words.slice(lastStart).join(' ') };
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const PARTICLES = new Set(['de', 'del', 'della', 'la', 'le', 'da', 'di', 'du', 'van', 'von', 'der', 'den', 'st', 'bin', 'al']);

/** Letters that do not decompose into a base letter plus accents. */
const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower-case words of a name, accents and apostrophes dropped, other punctuation as spaces. */
function nameWords(name: string): string[] {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDED[letter] ?? letter)
    .replace(/['’‘`´ʼ]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function compact(name: string): string {
  return nameWords(name).join('');
}

/** The record's last name, also without a generational suffix it may carry ("Smith Jr." = "Smith"). */
function lastNameSpellings(lastName: string): string[] {
  const words = nameWords(lastName);
  if (words.length === 0) return [];
  const spellings = [words.join('')];
  if (words.length > 1 && SUFFIXES.has(words[words.length - 1] as string)) spellings.push(words.slice(0, -1).join(''));
  return spellings;
}

/** The words as said, and without a leading title and/or trailing suffix. */
function candidateWordings(words: string[]): string[][] {
  const withoutTitle = words.length > 2 && TITLES.has(words[0] as string) ? words.slice(1) : words;
  const wordings = [words, withoutTitle];
  for (const wording of [words, withoutTitle]) {
    if (wording.length > 2 && SUFFIXES.has(wording[wording.length - 1] as string)) wordings.push(wording.slice(0, -1));
  }
  return wordings;
}

/** Some leading words spell the first name and some later, final words spell the last name. */
function framesName(words: string[], first: string, last: string): boolean {
  for (let firstEnd = 1; firstEnd < words.length; firstEnd += 1) {
    if (words.slice(0, firstEnd).join('') !== first) continue;
    for (let lastStart = firstEnd; lastStart < words.length; lastStart += 1) {
      if (words.slice(lastStart).join('') === last) return true;
    }
  }
  return false;
}
