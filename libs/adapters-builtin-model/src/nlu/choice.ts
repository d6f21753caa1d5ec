import { plainText } from './normalize';
import type { PracticeClock } from './practice-clock';
import { parseWhen } from './when';

/** Something offered to the caller with a local start ("YYYY-MM-DDTHH:mm"): a slot or an appointment. */
export interface Choosable {
  start: string;
  /** Words that also identify it: a provider's name, an appointment type. */
  labels?: readonly string[];
}

/** "December first" is a date, not the first option. */
const NOT_AFTER_MONTH = '(?<!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.? (?:the )?)';
const ORDINALS: readonly (readonly [RegExp, (count: number) => number])[] = [
  [new RegExp(`${NOT_AFTER_MONTH}\\b(?:first|1st|earliest|earlier one|number one|option one)\\b`), () => 0],
  [new RegExp(`${NOT_AFTER_MONTH}\\b(?:second|2nd|middle one|number two|option two)\\b`), () => 1],
  [new RegExp(`${NOT_AFTER_MONTH}\\b(?:third|3rd|number three|option three)\\b`), () => 2],
  [/\b(?:last|latest|later one|final one)\b/, (count) => count - 1],
];

/**
 * Which of the offered items the caller picked ("the first one", "10 am", "Tuesday", "the one with
 * Dr. Lee", "the cleaning"), as an index, or undefined when their words do not single one out.
 */
export function chooseOffered(text: string, offered: readonly Choosable[], clock: PracticeClock): number | undefined {
  if (offered.length === 0) return undefined;
  const plain = plainText(text);

  for (const [pattern, index] of ORDINALS) {
    const at = index(offered.length);
    if (pattern.test(plain) && at >= 0 && at < offered.length) return at;
  }

  let candidates = offered.map((_item, index) => index);
  const byLabel = candidates.filter((index) =>
    (offered[index]?.labels ?? []).some((label) => mentionsLabel(plain, label)),
  );
  if (byLabel.length > 0) candidates = byLabel;

  const when = parseWhen(text, clock, { bareTime: true });
  // A weekday picks among the offered days ("Wednesday" is next week's if that is what was offered).
  const weekday = mentionedWeekday(plain);
  const onDate = when?.date ? candidates.filter((index) => offered[index]?.start.startsWith(when.date ?? '')) : [];
  const onWeekday =
    weekday === undefined ? [] : candidates.filter((index) => weekdayOf(offered[index]?.start, clock) === weekday);
  if (onDate.length > 0) candidates = onDate;
  else if (onWeekday.length > 0) candidates = onWeekday;
  else if (when?.date && byLabel.length === 0) return undefined;
  if (when?.time) {
    const atTime = candidates.filter((index) => sameClockTime(offered[index]?.start, when.time ?? ''));
    if (atTime.length > 0) candidates = atTime;
    else return undefined;
  } else if (when?.partOfDay) {
    const inPart = candidates.filter((index) => partOfDayOf(offered[index]?.start) === when.partOfDay);
    if (inPart.length > 0) candidates = inPart;
  }

  const narrowed = candidates.length < offered.length || offered.length === 1;
  return narrowed && candidates.length === 1 ? candidates[0] : undefined;
}

function mentionsLabel(text: string, label: string): boolean {
  // "Dr. Lee" is picked by "Lee" or "doctor Lee"; "New patient visit" by "new patient visit".
  const words = label.toLowerCase().replace(/\b(?:dr|mr|mrs|ms)\.?\s+/g, '').replace(/[^a-z' ]/g, ' ').trim();
  if (words.length < 3) return false;
  return new RegExp(`\\b${words.replace(/\s+/g, '\\s+')}\\b`).test(text);
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function mentionedWeekday(text: string): number | undefined {
  const index = WEEKDAYS.findIndex((day) => new RegExp(`\\b${day}s?\\b`).test(text));
  return index >= 0 ? index + 1 : undefined;
}

function weekdayOf(start: string | undefined, clock: PracticeClock): number | undefined {
  if (!start) return undefined;
  return clock.parseDate(start.slice(0, 10))?.weekday;
}

/** "14:00" matches a 2 PM slot; an hour said without AM/PM has already been resolved by parseWhen. */
function sameClockTime(start: string | undefined, time: string): boolean {
  return start?.slice(11, 16) === time;
}

function partOfDayOf(start: string | undefined): 'morning' | 'afternoon' | undefined {
  if (!start) return undefined;
  return Number(start.slice(11, 13)) < 12 ? 'morning' : 'afternoon';
}
