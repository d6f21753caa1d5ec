import { normalizeSpokenDate } from './normalize';
import type { PracticeClock } from './practice-clock';

const MONTHS: readonly string[] = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = "'?(\\d{4}|\\d{2})";

/** "March 14, 1985", "March 14th of 1985" */
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH} (?:the )?${DAY},? (?:of |in )?${YEAR}\\b`);
/** "14th of March 1985", "the 14 March, 1985" */
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY} (?:of )?${MONTH},? (?:of |in )?${YEAR}\\b`);
/** "3/14/1985", "3-14-85", "3.14.1985", "3 14 1985" (US order; a first number over 12 means day first). */
const NUMERIC = /\b(\d{1,2})(?:[/.-]|\s)(\d{1,2})(?:[/.-]|\s)(\d{4}|\d{2})\b/;
/** "1985-03-14" */
const ISO = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;

/** Oldest date of birth we accept, in years before now. */
const MAX_AGE_YEARS = 120;

/** The date of birth in what the caller said, as "YYYY-MM-DD", or undefined. */
export function parseDateOfBirth(text: string, clock: PracticeClock): string | undefined {
  const spoken = normalizeSpokenDate(text);
  const candidates: { year: string; month: number; day: string }[] = [];

  const monthFirst = MONTH_DAY_YEAR.exec(spoken);
  if (monthFirst?.[1] && monthFirst[2] && monthFirst[3]) {
    candidates.push({ month: monthIndex(monthFirst[1]), day: monthFirst[2], year: monthFirst[3] });
  }
  const dayFirst = DAY_MONTH_YEAR.exec(spoken);
  if (dayFirst?.[1] && dayFirst[2] && dayFirst[3]) {
    candidates.push({ month: monthIndex(dayFirst[2]), day: dayFirst[1], year: dayFirst[3] });
  }
  const iso = ISO.exec(spoken);
  if (iso?.[1] && iso[2] && iso[3]) candidates.push({ year: iso[1], month: Number(iso[2]), day: iso[3] });
  const numeric = NUMERIC.exec(spoken);
  if (numeric?.[1] && numeric[2] && numeric[3]) {
    const first = Number(numeric[1]);
    candidates.push(
      first > 12
        ? { day: numeric[1], month: Number(numeric[2]), year: numeric[3] }
        : { month: first, day: numeric[2], year: numeric[3] },
    );
  }

  for (const candidate of candidates) {
    const resolved = resolve(candidate, clock);
    if (resolved) return resolved;
  }
  return undefined;
}

function monthIndex(name: string): number {
  const prefix = name.slice(0, 3);
  return MONTHS.findIndex((month) => month.startsWith(prefix)) + 1;
}

function resolve(candidate: { year: string; month: number; day: string }, clock: PracticeClock): string | undefined {
  let year = Number(candidate.year);
  if (candidate.year.length === 2) {
    // "85" is 1985; "03" is 2003 unless that would be in the future.
    const century = Math.floor(clock.now.year / 100) * 100;
    year = century + year > clock.now.year ? century - 100 + year : century + year;
  }
  const date = clock.date(year, candidate.month, Number(candidate.day));
  if (!date) return undefined;
  const iso = date.toFormat('yyyy-MM-dd');
  const oldest = clock.now.minus({ years: MAX_AGE_YEARS }).toFormat('yyyy-MM-dd');
  return iso <= clock.today && iso >= oldest ? iso : undefined;
}
