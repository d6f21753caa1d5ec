import type { AppointmentType, BusyBlock, OpeningPeriod, Practice, Slot, Weekday } from '../model';
import { BusyIndex } from './busy-index';
import { addDays, minutesOfDay, naiveDayMs, weekdayOf, zoneClock } from './local-time';

const MINUTE_MS = 60_000;

export interface OpenSlotsInput {
  practice: Practice;
  appointmentType: AppointmentType;
  /** Slots start in [from, to). */
  from: Date;
  to: Date;
  /** Nothing starts earlier (now + minimum notice); the booking horizon counts from here. */
  notBefore: Date;
  busy: BusyBlock[];
}

/**
 * The practice's free places for one appointment type: opening hours (in the practice's zone) minus closures
 * minus busy time, for every provider of the type's kind, each paired with the first free operatory.
 * Starts lie on the booking grid counted from each opening; every slot ends by closing time.
 * Sorted by start, then provider id. Pure.
 */
export function computeOpenSlots(input: OpenSlotsInput): Slot[] {
  const { practice, appointmentType, busy } = input;
  const policy = practice.bookingPolicy;
  const clock = zoneClock(practice.timeZone);

  const horizon = clock.plusDays(input.notBefore, policy.maximumDaysAhead).getTime();
  const earliest = Math.max(input.from.getTime(), input.notBefore.getTime());
  // Exclusive upper bound for starts: before `to`, and not beyond the horizon.
  const limit = Math.min(input.to.getTime(), horizon + 1);
  const providers = practice.providers
    .filter((provider) => provider.kind === appointmentType.providerKind)
    .map((provider) => provider.id)
    .sort();
  const durationMs = appointmentType.durationMinutes * MINUTE_MS;
  const step = policy.slotGranularityMinutes;
  if (earliest >= limit || providers.length === 0 || practice.operatories.length === 0 || durationMs <= 0 || step <= 0) {
    return [];
  }

  const index = BusyIndex.of(busy);
  const week = weeklyMinutes(practice);
  const closed = new Set(practice.closures.map((closure) => closure.date));
  const lastDate = clock.localDateOf(limit - 1);
  const found: Found[] = [];
  let ordered = true;

  for (let date = clock.localDateOf(earliest); date <= lastDate; date = addDays(date, 1)) {
    if (closed.has(date)) continue;
    const resolve = clock.dayResolver(date);
    for (const { opens, closes } of week.get(weekdayOf(date)) ?? []) {
      // A closing time the clock skips closes at the jump.
      const closing = resolve(closes) ?? clock.boundaryOf(naiveDayMs(date) + closes * MINUTE_MS);
      for (let minute = opens; minute < closes; minute += step) {
        const start = resolve(minute);
        // Nonexistent wall-clock times (spring-forward gap) are never offered.
        if (start === null || start < earliest) continue;
        const end = start + durationMs;
        if (start >= limit || end > closing) break;
        const operatory = practice.operatories.find((candidate) => index.operatoryFree(candidate.id, start, end));
        if (!operatory) continue;
        for (const providerId of providers) {
          if (!index.providerFree(providerId, start, end)) continue;
          const previous = found[found.length - 1];
          if (previous && compareFound(previous, start, providerId) >= 0) ordered = false;
          found.push({ start, end, providerId, operatoryId: operatory.id });
        }
      }
    }
  }
  // Only overlapping opening periods can put slots out of order or twice.
  const slots = ordered ? found : sortedUnique(found);
  // One slot's end is often a later slot's start: format each instant once.
  const iso = new Map<number, string>();
  const isoOf = (instant: number): string => {
    let text = iso.get(instant);
    if (text === undefined) {
      text = new Date(instant).toISOString();
      iso.set(instant, text);
    }
    return text;
  };
  return slots.map(({ start, end, providerId, operatoryId }) => ({
    typeCode: appointmentType.code,
    providerId,
    operatoryId,
    start: isoOf(start),
    end: isoOf(end),
  }));
}

interface Found {
  start: number;
  end: number;
  providerId: string;
  operatoryId: string;
}

function compareFound(a: Found, start: number, providerId: string): number {
  return a.start - start || (a.providerId < providerId ? -1 : a.providerId > providerId ? 1 : 0);
}

function sortedUnique(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => compareFound(a, b.start, b.providerId));
  return sorted.filter((slot, i) => i === 0 || compareFound(sorted[i - 1] as Found, slot.start, slot.providerId) !== 0);
}

/** Each weekday's opening periods in minutes after midnight, in order: parsed once per call, not per day. */
function weeklyMinutes(practice: Practice): Map<Weekday, { opens: number; closes: number }[]> {
  const week = new Map<Weekday, { opens: number; closes: number }[]>();
  for (const [weekday, periods] of Object.entries(practice.weeklyHours) as [Weekday, OpeningPeriod[] | undefined][]) {
    const minutes = (periods ?? []).map((period) => ({ opens: minutesOfDay(period.opens), closes: minutesOfDay(period.closes) }));
    week.set(weekday, minutes.sort((a, b) => a.opens - b.opens));
  }
  return week;
}
