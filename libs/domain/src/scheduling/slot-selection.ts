import type { LocalDate, Slot, WallTime } from '../model';
import { minutesOfDay, zoneClock } from './local-time';

export type PartOfDay = 'morning' | 'afternoon' | 'any';

export interface SlotPreferences {
  /** Preferred local start "HH:mm": the exact time first, then the nearest. */
  time?: WallTime;
  /** Morning starts before 12:00, afternoon at 12:00 or later (local). */
  partOfDay?: PartOfDay;
}

/** How many choices a caller can take in at once on the phone. */
export const SLOTS_TO_OFFER = 4;

const NOON = 12 * 60;

interface LocalSlot {
  slot: Slot;
  date: LocalDate;
  minutes: number;
}

/** Does a slot suit the caller's part of day? */
export function suitsPartOfDay(slot: Slot, partOfDay: PartOfDay | undefined, timeZone: string): boolean {
  if (!partOfDay || partOfDay === 'any') return true;
  const minutes = minutesOfDay(zoneClock(timeZone).localPartsOf(new Date(slot.start)).time);
  return partOfDay === 'morning' ? minutes < NOON : minutes >= NOON;
}

/**
 * A few distinct start times worth saying aloud. One slot per start time (any provider will do); the part of
 * day filters. With a preferred time: the soonest day that has it exactly comes first, and each day offers its
 * nearest times. Without one: each day offers times spread over its open hours, so the caller hears choices
 * rather than four adjacent half hours. Days are used in order until `max` are picked.
 */
export function selectSlots(slots: readonly Slot[], preferences: SlotPreferences, timeZone: string, max = SLOTS_TO_OFFER): Slot[] {
  const clock = zoneClock(timeZone);
  const byDay = new Map<LocalDate, LocalSlot[]>();
  const starts = new Set<string>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    if (starts.has(slot.start) || !suitsPartOfDay(slot, preferences.partOfDay, timeZone)) continue;
    starts.add(slot.start);
    const local = clock.localPartsOf(new Date(slot.start));
    const day = byDay.get(local.date) ?? [];
    day.push({ slot, date: local.date, minutes: minutesOfDay(local.time) });
    byDay.set(local.date, day);
  }

  let days = [...byDay.keys()];
  const preferred = preferences.time === undefined ? undefined : minutesOfDay(preferences.time);
  if (preferred !== undefined) {
    const exactDay = days.find((day) => byDay.get(day)?.some((entry) => entry.minutes === preferred));
    if (exactDay) days = [exactDay, ...days.filter((day) => day !== exactDay)];
  }

  const picked: Slot[] = [];
  for (const day of days) {
    const remaining = max - picked.length;
    if (remaining <= 0) break;
    const entries = byDay.get(day) ?? [];
    const chosen = preferred === undefined ? spread(entries, remaining) : nearest(entries, preferred, remaining);
    picked.push(...chosen.map((entry) => entry.slot));
  }
  return picked;
}

function nearest(entries: LocalSlot[], preferred: number, count: number): LocalSlot[] {
  return [...entries]
    .sort((a, b) => Math.abs(a.minutes - preferred) - Math.abs(b.minutes - preferred) || a.minutes - b.minutes)
    .slice(0, count);
}

/** `count` entries spread over the day's open times: those nearest to evenly spaced clock times. */
function spread(entries: LocalSlot[], count: number): LocalSlot[] {
  if (entries.length <= count) return entries;
  if (count === 1) return entries.slice(0, 1);
  const first = (entries[0] as LocalSlot).minutes;
  const span = (entries[entries.length - 1] as LocalSlot).minutes - first;
  const picked = new Set<LocalSlot>();
  for (let i = 0; i < count; i += 1) {
    const target = first + (i * span) / (count - 1);
    const free = entries.filter((entry) => !picked.has(entry));
    const closest = free.reduce((best, entry) => (Math.abs(entry.minutes - target) < Math.abs(best.minutes - target) ? entry : best));
    picked.add(closest);
  }
  return entries.filter((entry) => picked.has(entry));
}
