import type { LocalDate, Practice } from '@crowndesk/domain';
import { addDays, minutesOfDay, naiveDayMs, weekdayOf, zoneClock } from '@crowndesk/domain';

/**
 * The practice's own calendar, read with the domain's time-zone helpers: local dates, wall-clock minutes and
 * opening hours. The backend knows none of this (its slot day is 08:00-17:00 in the *server's* zone), so the
 * adapter checks what it offers against the practice's hours.
 */

const MINUTE_MS = 60_000;

export { addDays, weekdayOf };

export interface LocalMoment {
  date: LocalDate;
  /** Minutes after local midnight. */
  minutes: number;
}

export function localMomentOf(instantMs: number, timeZone: string): LocalMoment {
  const { date, time } = zoneClock(timeZone).localPartsOf(instantMs);
  return { date, minutes: minutesOfDay(time) };
}

/** The instant at `minutes` after local midnight of `date` (the earlier one when the clock falls back). */
export function instantOf(date: LocalDate, minutes: number, timeZone: string): number {
  return zoneClock(timeZone).boundaryOf(naiveDayMs(date) + minutes * MINUTE_MS);
}

/** Local dates of the practice touched by [fromMs, toMs), at most `maxDays` of them. */
export function localDatesCovering(fromMs: number, toMs: number, timeZone: string, maxDays: number): LocalDate[] {
  if (toMs <= fromMs) return [];
  const clock = zoneClock(timeZone);
  const last = clock.localDateOf(toMs - 1);
  const dates: LocalDate[] = [];
  for (let date = clock.localDateOf(fromMs); date <= last && dates.length < maxDays; date = addDays(date, 1)) {
    dates.push(date);
  }
  return dates;
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
    (period) => minutesOfDay(period.opens) <= start.minutes && endMinutes <= minutesOfDay(period.closes),
  );
}
