import type { BusyBlock, LocalDate, Practice } from '../../src/model';
import { addDays, localToInstant, minutesOfDay, weekdayOf } from '../../src/scheduling';

/**
 * A practice's booked time, made up but shaped like the real thing: appointments of 30, 60 or 90 minutes
 * on the quarter hour inside opening hours, on open weekdays of the horizon, spread over every provider
 * and operatory. Seeded, so every run measures the same schedule. Blocks may overlap (a busy practice
 * double-books operatories for short procedures), which the slot search has to merge anyway.
 */

const DURATIONS_MIN = [30, 60, 90] as const;

export function busySchedule(practice: Practice, firstDay: LocalDate, days: number, count: number, seed = 0x5eed): BusyBlock[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const openDays = Array.from({ length: days }, (_, offset) => addDays(firstDay, offset)).filter(
    (date) => (practice.weeklyHours[weekdayOf(date)] ?? []).length > 0,
  );
  if (openDays.length === 0) throw new Error('the horizon has no open day to fill');

  const blocks: BusyBlock[] = [];
  while (blocks.length < count) {
    const date = pick(openDays);
    const period = pick(practice.weeklyHours[weekdayOf(date)] ?? []);
    const duration = pick(DURATIONS_MIN);
    const opens = minutesOfDay(period.opens);
    const lastStart = minutesOfDay(period.closes) - duration;
    if (lastStart < opens) continue;
    const startMinute = opens + 15 * Math.floor(random() * ((lastStart - opens) / 15 + 1));
    const start = localToInstant(date, clockTime(startMinute), practice.timeZone);
    if (!start) continue;
    blocks.push({
      providerId: pick(practice.providers).id,
      operatoryId: pick(practice.operatories).id,
      start: start.toISOString(),
      end: new Date(start.getTime() + duration * 60_000).toISOString(),
    });
  }
  return blocks;
}

function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A small, fast, seedable PRNG (public domain), good enough to spread appointments. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
