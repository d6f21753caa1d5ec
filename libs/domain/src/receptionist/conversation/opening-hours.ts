import { DateTime } from 'luxon';
import type { OpeningPeriod, Practice, Weekday } from '../../model';

const WEEK: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "Monday to Friday: 8 AM to 5 PM; Saturday: 9 AM to 1 PM; Sunday: closed", in the practice's wall-clock. */
export function describeOpeningHours(weeklyHours: Practice['weeklyHours']): string {
  const groups: { first: Weekday; last: Weekday; hours: string }[] = [];
  for (const day of WEEK) {
    const hours = describeDay(weeklyHours[day] ?? []);
    const previous = groups.at(-1);
    if (previous && previous.hours === hours) previous.last = day;
    else groups.push({ first: day, last: day, hours });
  }
  return groups.map((group) => `${describeDays(group.first, group.last)}: ${group.hours}`).join('; ');
}

/** "9:30 AM" style for a "HH:mm" wall time, dropping ":00" so it reads the way people say it. */
export function speakableWallTime(wallTime: string): string {
  const time = DateTime.fromFormat(wallTime, 'HH:mm', { locale: 'en-US' });
  if (!time.isValid) return wallTime;
  return time.toFormat(time.minute === 0 ? 'h a' : 'h:mm a');
}

function describeDay(periods: readonly OpeningPeriod[]): string {
  if (periods.length === 0) return 'closed';
  return periods.map((period) => `${speakableWallTime(period.opens)} to ${speakableWallTime(period.closes)}`).join(' and ');
}

function describeDays(first: Weekday, last: Weekday): string {
  if (first === last) return capitalize(first);
  const separator = WEEK.indexOf(last) - WEEK.indexOf(first) === 1 ? ' and ' : ' to ';
  return `${capitalize(first)}${separator}${capitalize(last)}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
