import { DateTime, IANAZone } from 'luxon';
import type { LocalDate, WallTime, Weekday } from '../model';

/**
 * Wall-clock time in a practice's IANA zone, DST-safe.
 *
 * A local time inside a spring-forward gap does not exist: it is never a valid slot start.
 * A local time inside a fall-back overlap happens twice: it means the earlier instant.
 * A closing time inside a gap means the moment the clock jumps over it.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LOCALE = 'en-US';
/** About ten years of days: plenty for any horizon, and bounded. */
const DAY_OFFSETS_KEPT = 4096;

const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2})$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** Minutes after local midnight of "HH:mm"; "24:00" is the end of the day. */
export function minutesOfDay(time: WallTime): number {
  const match = WALL_TIME.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || minutes > 59 || hours * 60 + minutes > 24 * 60) {
    throw new Error(`Invalid wall-clock time "${time}": expected HH:mm`);
  }
  return hours * 60 + minutes;
}

/** Epoch ms of the date's midnight read as if it were UTC: the zone-free "naive" timeline. */
export function naiveDayMs(date: LocalDate): number {
  if (!isLocalDate(date)) throw new Error(`Invalid local date "${date}": expected YYYY-MM-DD`);
  return Date.parse(`${date}T00:00:00Z`);
}

/** Is this "YYYY-MM-DD" a real calendar date? */
export function isLocalDate(date: string): boolean {
  const match = LOCAL_DATE.exec(date);
  if (!match) return false;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === date;
}

export function weekdayOf(date: LocalDate): Weekday {
  // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(naiveDayMs(date)).getUTCDay() + 6) % 7] as Weekday;
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(naiveDayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Splits "YYYY-MM-DDTHH:mm" into its date and time, or null when malformed. */
export function splitLocalDateTime(value: string): { date: LocalDate; time: WallTime } | null {
  const match = LOCAL_DATE_TIME.exec(value);
  return match ? { date: match[1] as LocalDate, time: match[2] as WallTime } : null;
}

/** Resolves wall-clock times of one zone to instants. Cheap to keep; build one per zone. */
export class ZoneClock {
  private readonly zone: IANAZone;
  private readonly dayOffsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    const zone = IANAZone.create(timeZone);
    if (!zone.isValid) throw new Error(`Invalid IANA time zone "${timeZone}"`);
    this.zone = zone;
  }

  /** UTC offset in minutes at an instant. */
  offsetAt(instantMs: number): number {
    return this.zone.offset(instantMs);
  }

  /**
   * The instant a naive wall-clock time (see naiveDayMs) happens: the earlier one when it happens twice,
   * null when it never happens (spring-forward gap).
   */
  instantOf(naiveMs: number): number | null {
    let earliest: number | null = null;
    for (const offset of this.offsetsNear(naiveMs)) {
      const instant = naiveMs - offset * MINUTE_MS;
      if (this.offsetAt(instant) === offset && (earliest === null || instant < earliest)) earliest = instant;
    }
    return earliest;
  }

  /** The first instant at which the wall clock reads `naiveMs` or later: a closing time, even inside a gap. */
  boundaryOf(naiveMs: number): number {
    const exact = this.instantOf(naiveMs);
    if (exact !== null) return exact;
    const before = this.offsetAt(naiveMs - DAY_MS);
    const after = this.offsetAt(naiveMs + DAY_MS);
    // In a gap the clock jumps from `before` to `after`: find the jump between the two readings.
    let low = naiveMs - after * MINUTE_MS;
    let high = naiveMs - before * MINUTE_MS;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.offsetAt(middle) === after) high = middle;
      else low = middle;
    }
    return high;
  }

  /**
   * A resolver for the wall-clock minutes of one local date. On the (overwhelmingly common) days with one
   * UTC offset around them it is plain arithmetic; only days near a transition resolve each time.
   */
  dayResolver(date: LocalDate): (minutes: number) => number | null {
    const dayMs = naiveDayMs(date);
    const offset = this.dayOffset(dayMs - DAY_MS);
    // Offsets equal a day before and two days after: no transition within the day (zones change at most
    // once in such a window).
    if (offset === this.dayOffset(dayMs + 2 * DAY_MS)) {
      return (minutes) => dayMs + minutes * MINUTE_MS - offset * MINUTE_MS;
    }
    return (minutes) => this.instantOf(dayMs + minutes * MINUTE_MS);
  }

  /** The local calendar date of an instant. */
  localDateOf(instant: Date | number): LocalDate {
    return this.toDateTime(instant).toISODate() as LocalDate;
  }

  /** The local date and "HH:mm" of an instant. */
  localPartsOf(instant: Date | number): { date: LocalDate; time: WallTime; weekday: Weekday } {
    const local = this.toDateTime(instant);
    return {
      date: local.toISODate() as LocalDate,
      time: local.toFormat('HH:mm'),
      weekday: WEEKDAYS[local.weekday - 1] as Weekday,
    };
  }

  /** Local "YYYY-MM-DDTHH:mm" of an instant, as tools show it to the model. */
  localDateTimeOf(instant: Date | number): string {
    const { date, time } = this.localPartsOf(instant);
    return `${date}T${time}`;
  }

  /** The instant `days` calendar days after `instant`, keeping its local wall-clock time where it exists. */
  plusDays(instant: Date | number, days: number): Date {
    return this.toDateTime(instant).plus({ days }).toJSDate();
  }

  toDateTime(instant: Date | number): DateTime {
    const ms = typeof instant === 'number' ? instant : instant.getTime();
    return DateTime.fromMillis(ms, { zone: this.zone }).setLocale(LOCALE);
  }

  /** offsetAt for day-aligned instants, remembered: every availability search asks about the same days. */
  private dayOffset(dayMs: number): number {
    let offset = this.dayOffsets.get(dayMs);
    if (offset === undefined) {
      if (this.dayOffsets.size >= DAY_OFFSETS_KEPT) this.dayOffsets.clear();
      offset = this.offsetAt(dayMs);
      this.dayOffsets.set(dayMs, offset);
    }
    return offset;
  }

  private offsetsNear(naiveMs: number): Set<number> {
    // The true offset of a wall-clock time is one of those in force around it.
    return new Set([this.offsetAt(naiveMs - DAY_MS), this.offsetAt(naiveMs), this.offsetAt(naiveMs + DAY_MS)]);
  }
}

const clocks = new Map<string, ZoneClock>();

/** The shared ZoneClock of a zone (they are stateless beyond the zone itself). */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** The instant of a local date and wall-clock time in a zone; null if that time does not exist that day. */
export function localToInstant(date: LocalDate, time: WallTime, timeZone: string): Date | null {
  const ms = zoneClock(timeZone).instantOf(naiveDayMs(date) + minutesOfDay(time) * MINUTE_MS);
  return ms === null ? null : new Date(ms);
}

/** The instant of the start of a local date (its first existing instant). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(zoneClock(timeZone).boundaryOf(naiveDayMs(date)));
}

/** "10 AM", "10:30 AM", "12 PM": a clock time as a receptionist says it. */
export function spokenClockTime(time: WallTime): string {
  const minutes = minutesOfDay(time) % (24 * 60);
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'AM' : 'PM';
  return minute === 0 ? `${hour12} ${suffix}` : `${hour12}:${String(minute).padStart(2, '0')} ${suffix}`;
}

/** "Tuesday, December 1": a local date as a receptionist says it. */
export function spokenDate(date: LocalDate): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale(LOCALE).toFormat('cccc, LLLL d');
}

/** "Tuesday, December 1 at 10 AM": an instant, in the practice's zone, as a receptionist says it. */
export function spokenDateTime(instant: Date | number, timeZone: string): string {
  const { date, time } = zoneClock(timeZone).localPartsOf(instant);
  return `${spokenDate(date)} at ${spokenClockTime(time)}`;
}
