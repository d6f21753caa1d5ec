import type { Closure, LocalDate, OpeningPeriod, Practice, Weekday } from '../model';
import { minutesOfDay, spokenClockTime, spokenDate } from './local-time';

const WEEK: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "Monday through Friday, 8 AM to 5 PM; closed Saturday and Sunday." */
export function spokenWeeklyHours(practice: Practice): string {
  const runs: { days: Weekday[]; hours: string | null }[] = [];
  for (const day of WEEK) {
    const hours = spokenPeriods(practice.weeklyHours[day] ?? []);
    const last = runs[runs.length - 1];
    if (last && last.hours === hours) last.days.push(day);
    else runs.push({ days: [day], hours });
  }
  const open = runs.filter((run) => run.hours !== null).map((run) => `${spokenDays(run.days)}, ${run.hours}`);
  const closedDays = runs.filter((run) => run.hours === null).flatMap((run) => run.days);
  if (open.length === 0) return 'We have no regular opening hours.';
  const closed = closedDays.length > 0 ? `; closed ${joinWords(closedDays.map(capitalise))}` : '';
  return `${open.join('; ')}${closed}.`;
}

/** "We are closed on Thursday, November 26 (Thanksgiving)." for closures from `today` on; empty if none. */
export function spokenUpcomingClosures(practice: Practice, today: LocalDate, limit = 3): string {
  const upcoming = practice.closures
    .filter((closure) => closure.date >= today)
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .slice(0, limit);
  if (upcoming.length === 0) return '';
  return `We are closed on ${joinWords(upcoming.map(spokenClosure))}.`;
}

function spokenClosure(closure: Closure): string {
  const reason = closure.reason.trim();
  return reason ? `${spokenDate(closure.date)} (${reason})` : spokenDate(closure.date);
}

function spokenPeriods(periods: readonly OpeningPeriod[]): string | null {
  if (periods.length === 0) return null;
  return [...periods]
    .sort((a, b) => minutesOfDay(a.opens) - minutesOfDay(b.opens))
    .map((period) => `${spokenClockTime(period.opens)} to ${spokenClockTime(period.closes)}`)
    .join(' and ');
}

/** Consecutive days as a range ("Monday through Friday"), two as a pair. */
function spokenDays(days: readonly Weekday[]): string {
  const names = days.map(capitalise);
  if (names.length <= 2) return names.join(' and ');
  return `${names[0]} through ${names[names.length - 1]}`;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
