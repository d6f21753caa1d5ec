import * as chrono from 'chrono-node';
import type { DateTime } from 'luxon';
import { detectPartOfDay, formatClockTime, resolveHour, type PartOfDay } from './clock-time';
import { normalizeUtterance, plainText } from './normalize';
import { phrases } from './patterns';
import type { PracticeClock } from './practice-clock';

/** When the caller would like to come in. Dates and times are the practice's wall clock. */
export interface WhenPreference {
  /** "YYYY-MM-DD" */
  date?: string;
  /** "HH:mm", 24-hour. */
  time?: string;
  partOfDay?: PartOfDay;
  /** `date` starts a whole week or month the caller named ("next week", "in December"), not one day. */
  span?: 'week' | 'month';
  /** The day was named only by its weekday (1 = Monday ... 7 = Sunday): "Tuesday", "next Tuesday". */
  weekday?: number;
  /** "whatever is first", "as soon as possible": no day in mind. */
  firstAvailable?: boolean;
}

export interface WhenOptions {
  /** The caller was just asked for a time: a bare "ten" or "2:30" is that time. */
  bareTime?: boolean;
}

const FIRST_AVAILABLE = phrases(
  '(?:the )?(?:first|earliest|soonest|next|1st) (?:available|availability|opening|open slot|open time|open appointment|slot|spot|time you have|thing you have|one available|thing)',
  'as soon as (?:possible|you can|you have)',
  'asap',
  "whatever(?:'s| is)? (?:first|1st|soonest|earliest|available|open|you have)",
  'whenever',
  'any ?time',
  "(?:it )?(?:doesn't|does not) matter",
  'no preference',
  "(?:i'm|i am) flexible",
);
const EVERY_FIRST_AVAILABLE = new RegExp(FIRST_AVAILABLE.source, 'g');
const NEXT_WEEK = /\bnext week\b/;
const WEEKDAY_NAME = /\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b/;
const PART_OF_DAY_WORDS = /\b(?:in the )?(?:morning|afternoon|evening)\b/g;

/** How far ahead a spoken date may land before we take it for something else (a birthday, a typo). */
const HORIZON_YEARS = 2;

const MONTH_NAMES = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const BARE_DAY_OF_MONTH = new RegExp(
  `\\b(?<!(?:${MONTH_NAMES})[a-z]* )(?<!(?:${MONTH_NAMES})[a-z]* the )the (\\d{1,2})(?:st|nd|rd|th)\\b` +
    `(?! (?:of )?(?:${MONTH_NAMES}))(?! (?:one|available|opening|slot|option|time|appointment)\\b)`,
  'g',
);

/** "around 2", "how about 10:30" -- but not "about 3 weeks" or "like 2 kids". */
const LEAD_WORD_TIME = new RegExp(
  '\\b(?:around|about|say|maybe|how about|what about|like|at)\\s+(\\d{1,2})(?::(\\d{2}))?(?: ?([ap]m))?\\b' +
    '(?!\\s*(?:st|nd|rd|th|/|-|days?|weeks?|months?|years?|minutes?|hours?|people|patients|kids|children|of)\\b)',
);
/** Words around a time given as the whole answer: "um, ten would be great". */
const FILLERS = new RegExp(
  phrases(
    'um+', 'uh+', 'er', 'hmm+', 'well', 'so', 'yes', 'yeah', 'ok', 'okay', 'sure', 'maybe', 'perhaps', 'probably',
    "let's say", 'lets say', 'say', 'how about', 'what about', 'around', 'about', 'like', 'at', 'i guess', 'i think',
    "i'd say", 'please', 'would be (?:good|great|best|fine)', 'works', 'is (?:good|fine|best)', 'would work',
    'is better', 'sounds good',
  ).source,
  'g',
);

/** The day, time or part of day in what the caller said, resolved against the practice's clock. */
export function parseWhen(text: string, clock: PracticeClock, options: WhenOptions = {}): WhenPreference | undefined {
  const plain = plainText(text);
  const firstAvailable = FIRST_AVAILABLE.test(plain);
  const normalized = normalizeUtterance(plain.replace(EVERY_FIRST_AVAILABLE, ' '));
  const partOfDay = detectPartOfDay(normalized);
  const anchored = anchorBareDayOfMonth(forChrono(normalized), clock);

  let date: string | undefined;
  let time: string | undefined;
  let weekday: number | undefined;
  let span: WhenPreference['span'];
  // No forwardDate: chrono's forward refiner compares instants shifted by the server's own zone, so its
  // answer would depend on where the server runs. Moving dates forward is done here, on the practice clock.
  for (const result of chrono.parse(anchored, clock.chronoReference())) {
    // "in five minutes", "in a second": not something a caller books.
    if (result.tags().has('result/relativeDateAndTime')) continue;
    if (!date) {
      const day = dayOf(result, clock, normalized);
      date = day?.date;
      weekday = day?.weekday;
      span = day?.span;
    }
    time ??= timeOf(result.start, partOfDay);
  }
  if (NEXT_WEEK.test(normalized) && !WEEKDAY_NAME.test(normalized)) {
    date = clock.now.startOf('week').plus({ weeks: 1 }).toFormat('yyyy-MM-dd');
    weekday = undefined;
    span = 'week';
  }
  time ??= leadWordTime(normalized, partOfDay) ?? (options.bareTime ? bareTime(normalized, partOfDay) : undefined);

  if (!date && !time && !partOfDay && !firstAvailable) return undefined;
  const preference: WhenPreference = {};
  if (date) preference.date = date;
  if (date && weekday) preference.weekday = weekday;
  if (date && span) preference.span = span;
  if (time) preference.time = time;
  if (partOfDay) preference.partOfDay = partOfDay;
  if (firstAvailable && !date && !time) preference.firstAvailable = true;
  return preference;
}

/**
 * Rewrites what chrono reads poorly: parts of day are taken out (we read them ourselves, and chrono
 * loses the weekday in "morning thursday"), "day after tomorrow" and short weekday names spelled out.
 */
function forChrono(text: string): string {
  return text
    .replace(/\bthis (?:morning|afternoon|evening)\b/g, 'today')
    .replace(/\b(?:the )?day after tomorrow\b/g, 'in 2 days')
    .replace(/\b(?:early |late )?(?:in the )?(?:morning|afternoon|evening)\b/g, ' ')
    .replace(/\btues\b/g, 'tuesday')
    .replace(/\bweds?\b/g, 'wednesday')
    .replace(/\bthurs?\b/g, 'thursday')
    .replace(/\bfri\b/g, 'friday');
}

/** "the 3rd" with no month: this month's 3rd if it is still ahead, else next month's. */
function anchorBareDayOfMonth(text: string, clock: PracticeClock): string {
  const monthThe = new RegExp(`\\b((?:${MONTH_NAMES})[a-z]*) the (\\d{1,2}(?:st|nd|rd|th))\\b`, 'g');
  return text.replace(monthThe, '$1 $2').replace(BARE_DAY_OF_MONTH, (whole, dayText: string) => {
    const day = Number(dayText);
    for (let monthsAhead = 0; monthsAhead < 3; monthsAhead += 1) {
      const month = clock.now.startOf('month').plus({ months: monthsAhead });
      const candidate = clock.date(month.year, month.month, day);
      if (candidate && candidate.toFormat('yyyy-MM-dd') >= clock.today) {
        return `${candidate.toFormat('LLLL d')} ${candidate.year}`.toLowerCase();
      }
    }
    return whole;
  });
}

interface Day {
  date: string;
  weekday?: number;
  span?: 'month';
}

/** The day a chrono result names, moved forward to the next time it comes round. */
function dayOf(result: chrono.ParsedResult, clock: PracticeClock, text: string): Day | undefined {
  const start = result.start;
  const today = clock.now.startOf('day');
  const chronoWeekday = start.get('weekday');
  if (start.isCertain('weekday') && !start.isCertain('day') && chronoWeekday !== null) {
    const weekday = chronoWeekday === 0 ? 7 : chronoWeekday; // chrono counts from Sunday = 0, luxon from Monday = 1
    return inHorizon({ date: weekdayDate(weekday, today, text, result.text), weekday }, clock);
  }
  const dayKnown = start.isCertain('day');
  const year = start.get('year');
  const month = start.get('month');
  if ((!dayKnown && !start.isCertain('month')) || year === null || month === null) return undefined;
  let candidate = clock.date(year, month, dayKnown ? (start.get('day') ?? 1) : 1);
  if (!candidate) return undefined;
  // "December 3rd", "in January": the next time that date or month comes round.
  const lastDay = dayKnown ? candidate : candidate.endOf('month');
  if (!start.isCertain('year') && lastDay < today) candidate = candidate.plus({ years: 1 });
  if (dayKnown) return inHorizon({ date: candidate.toFormat('yyyy-MM-dd') }, clock);
  // "In December": that month, from today on.
  const from = candidate < today ? today : candidate;
  return inHorizon({ date: from.toFormat('yyyy-MM-dd'), span: 'month' }, clock);
}

/**
 * "Tuesday" is the coming Tuesday (today if it is Tuesday), "next Tuesday" the coming one after today,
 * "Tuesday next week" the Tuesday of next week.
 */
function weekdayDate(weekday: number, today: DateTime, text: string, resultText: string): string {
  if (NEXT_WEEK.test(text)) return today.startOf('week').plus({ weeks: 1, days: weekday - 1 }).toFormat('yyyy-MM-dd');
  let ahead = (weekday - today.weekday + 7) % 7;
  if (ahead === 0 && /\bnext\b/.test(resultText)) ahead = 7;
  return today.plus({ days: ahead }).toFormat('yyyy-MM-dd');
}

/** A day to book is today or later, and not years away (a birthday, a mishearing). */
function inHorizon(day: Day, clock: PracticeClock): Day | undefined {
  const horizon = clock.now.plus({ years: HORIZON_YEARS }).toFormat('yyyy-MM-dd');
  return day.date >= clock.today && day.date <= horizon ? day : undefined;
}

function timeOf(start: chrono.ParsedComponents, partOfDay: PartOfDay | undefined): string | undefined {
  if (!start.isCertain('hour')) return undefined;
  const hour = start.get('hour');
  if (hour === null) return undefined;
  return formatClockTime(resolveHour(hour, start.isCertain('meridiem'), partOfDay), start.get('minute') ?? 0);
}

function toTime(hourText: string, minuteText: string | undefined, meridiem: string | undefined, partOfDay?: PartOfDay) {
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  if (hour > 23 || minute > 59) return undefined;
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  return formatClockTime(resolveHour(hour, meridiem !== undefined, partOfDay), minute);
}

/** "around 2", "how about 10:30". */
function leadWordTime(text: string, partOfDay: PartOfDay | undefined): string | undefined {
  const match = LEAD_WORD_TIME.exec(text);
  if (!match?.[1]) return undefined;
  return toTime(match[1], match[2], match[3], partOfDay);
}

/** The whole answer is a time: "ten", "2:30 please", "um, eleven". */
function bareTime(text: string, partOfDay: PartOfDay | undefined): string | undefined {
  const core = text
    .replace(/[,.!?]/g, ' ')
    .replace(FILLERS, ' ')
    .replace(PART_OF_DAY_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^(\d{1,2})(?::(\d{2}))?(?: ?([ap]m))?$/.exec(core);
  if (!match?.[1]) return undefined;
  return toTime(match[1], match[2], match[3], partOfDay);
}
