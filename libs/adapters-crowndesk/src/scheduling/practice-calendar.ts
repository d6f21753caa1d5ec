import type { LocalDate, Practice, WallTime, Weekday } from '@crowndesk/domain';

/**
 * The practice's own calendar, from the platform's Intl time-zone data: local dates, wall-clock minutes and
 * opening hours. The backend knows none of this (its slot day is 08:00-17:00 in the *server's* zone), so the
 * adapter checks what it offers against the practice's hours.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEKDAYS: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

interface WallFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallFields(instantMs: number, timeZone: string): WallFields {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = fields;
  if ([year, month, day, hour, minute, second].some((value) => value === undefined || Number.isNaN(value))) {
    throw new Error(`Cannot read the wall clock of time zone ${timeZone}`);
  }
  return fields as unknown as WallFields;
}

/** How far the zone's wall clock is ahead of UTC at that instant. */
function offsetMs(instantMs: number, timeZone: string): number {
  const wall = wallFields(instantMs, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

export interface LocalMoment {
  date: LocalDate;
  /** Minutes after local midnight. */
  minutes: number;
}

export function localMomentOf(instantMs: number, timeZone: string): LocalMoment {
  const wall = wallFields(instantMs, timeZone);
  return { date: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`, minutes: wall.hour * 60 + wall.minute };
}

/** The instant at `minutes` after local midnight of `date` (the earlier one when the clock falls back). */
export function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  const naive = naiveDayMs(date) + minutes * MINUTE_MS;
  const firstGuess = offsetMs(naive, timeZone);
  const candidate = naive - firstGuess;
  const actual = offsetMs(candidate, timeZone);
  return actual === firstGuess ? candidate : naive - actual;
}

/** Local dates of the practice touched by [fromMs, toMs), at most `maxDays` of them. */
export function localDatesCovering(fromMs: number, toMs: number, timeZone: string, maxDays: number): LocalDate[] {
  if (toMs <= fromMs) return [];
  const last = localMomentOf(toMs - 1, timeZone).date;
  const dates: LocalDate[] = [];
  for (let date = localMomentOf(fromMs, timeZone).date; date <= last && dates.length < maxDays; date = addDays(date, 1)) {
    dates.push(date);
  }
  return dates;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(naiveDayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(naiveDayMs(date)).getUTCDay()] as Weekday;
}

/** Minutes after midnight of "HH:mm"; "24:00" closes at the end of the day. */
export function minutesOfWallTime(time: WallTime): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`Invalid wall-clock time "${time}": expected HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Does the practice see patients at all on that local date (weekly hours, minus closures)? */
export function isOpenOn(practice: Practice, date: LocalDate): boolean {
  if (practice.closures.some((closure) => closure.date === date)) return false;
  return (practice.weeklyHours[weekdayOf(date)] ?? []).length > 0;
}

/** Does [startMs, endMs) lie inside one opening period of the practice's local day? */
export function withinOpeningHours(practice: Practice, startMs: number, endMs: number): boolean {
  const start = localMomentOf(startMs, practice.timeZone);
  const end = localMomentOf(endMs, practice.timeZone);
  let endMinutes: number;
  if (end.date === start.date) endMinutes = end.minutes;
  else if (end.date === addDays(start.date, 1) && end.minutes === 0) endMinutes = 24 * 60;
  else return false;
  if (!isOpenOn(practice, start.date)) return false;
  return (practice.weeklyHours[weekdayOf(start.date)] ?? []).some(
    (period) => minutesOfWallTime(period.opens) <= start.minutes && endMinutes <= minutesOfWallTime(period.closes),
  );
}

function naiveDayMs(date: LocalDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`Invalid local date "${date}": expected YYYY-MM-DD`);
  }
  return ms;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
