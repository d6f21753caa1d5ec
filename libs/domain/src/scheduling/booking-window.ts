import type { LocalDate, Practice } from '../model';
import { zoneClock } from './local-time';

/** When a practice takes bookings, seen from "now": from the minimum notice up to the booking horizon. */
export interface BookingWindow {
  /** Nothing starts earlier: now + minimum notice. */
  notBefore: Date;
  /** Nothing starts later: maximumDaysAhead days after notBefore. */
  horizon: Date;
  /** The local dates of notBefore and horizon. */
  firstDate: LocalDate;
  lastDate: LocalDate;
}

export function bookingWindow(practice: Practice, now: Date): BookingWindow {
  const clock = zoneClock(practice.timeZone);
  const notBefore = new Date(now.getTime() + practice.bookingPolicy.minimumNoticeMinutes * 60_000);
  const horizon = clock.plusDays(notBefore, practice.bookingPolicy.maximumDaysAhead);
  return { notBefore, horizon, firstDate: clock.localDateOf(notBefore), lastDate: clock.localDateOf(horizon) };
}

export function withinWindow(window: BookingWindow, instant: Date): boolean {
  return instant >= window.notBefore && instant <= window.horizon;
}

export function dateWithinWindow(window: BookingWindow, date: LocalDate): boolean {
  return date >= window.firstDate && date <= window.lastDate;
}
