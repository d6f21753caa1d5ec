import type { AppointmentType, LocalDate, Practice } from '@crowndesk/domain';
import type { HeldTime } from './known-appointments';
import { minutesOfDay } from '@crowndesk/domain';
import { instantOf, isOpenOn, localMomentOf, weekdayOf, withinOpeningHours } from './practice-calendar';

const MINUTE_MS = 60_000;

/** One step of CrownDesk's slot answer: enough to know which time it shows free. */
export interface AnsweredStep {
  startTime: string;
  endTime: string;
  available: boolean;
}

export interface FreedByMoveInput {
  practice: Practice;
  type: AppointmentType;
  /** The practice's local date that `answer` covers. */
  date: LocalDate;
  /** The time held by the appointment being moved, with the provider it holds. */
  moved: HeldTime;
  /** CrownDesk's answer for that provider and date. */
  answer: readonly AnsweredStep[];
  /** Starts lie in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
}

/**
 * The starts CrownDesk cannot offer only because the appointment being moved holds them ("half an hour
 * later, same hygienist"): the practice's booking-grid starts on that date that overlap the moved
 * appointment, lie within opening hours, and whose remaining time CrownDesk's own answer shows free.
 *
 * CrownDesk only says whether each of its steps is free, so time counts as free only when it lies inside
 * steps marked available. That errs towards offering less, never towards offering a taken time.
 */
export function startsFreedByMove(input: FreedByMoveInput): { startMs: number; endMs: number }[] {
  const { practice, type, date, moved } = input;
  const durationMs = type.durationMinutes * MINUTE_MS;
  const step = practice.bookingPolicy.slotGranularityMinutes;
  if (durationMs <= 0 || step <= 0 || !isOpenOn(practice, date)) return [];
  const free = mergedFreeTime(input.answer);
  const freed: { startMs: number; endMs: number }[] = [];
  for (const period of practice.weeklyHours[weekdayOf(date)] ?? []) {
    const closes = minutesOfDay(period.closes);
    for (let minute = minutesOfDay(period.opens); minute + type.durationMinutes <= closes; minute += step) {
      const startMs = instantOf(date, minute, practice.timeZone);
      const endMs = startMs + durationMs;
      const local = localMomentOf(startMs, practice.timeZone);
      // A wall-clock time the clock skips is no start.
      if (local.date !== date || local.minutes !== minute) continue;
      if (startMs < input.fromMs || startMs >= input.toMs) continue;
      if (!(startMs < moved.endMs && endMs > moved.startMs)) continue;
      if (!withinOpeningHours(practice, startMs, endMs)) continue;
      if (outside(startMs, endMs, moved).every((piece) => covered(free, piece))) freed.push({ startMs, endMs });
    }
  }
  return freed;
}

/** The steps marked available, merged into disjoint spans sorted by start. */
function mergedFreeTime(answer: readonly AnsweredStep[]): [number, number][] {
  const spans = answer
    .filter((step) => step.available)
    .map((step): [number, number] => [Date.parse(step.startTime), Date.parse(step.endTime)])
    .filter(([start, end]) => !Number.isNaN(start) && !Number.isNaN(end) && end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The parts of [startMs, endMs) the moved appointment does not hold: none, one or two spans. */
function outside(startMs: number, endMs: number, moved: HeldTime): [number, number][] {
  const pieces: [number, number][] = [];
  if (startMs < moved.startMs) pieces.push([startMs, Math.min(endMs, moved.startMs)]);
  if (endMs > moved.endMs) pieces.push([Math.max(startMs, moved.endMs), endMs]);
  return pieces;
}

function covered(free: readonly [number, number][], [start, end]: [number, number]): boolean {
  return free.some(([freeStart, freeEnd]) => freeStart <= start && end <= freeEnd);
}
