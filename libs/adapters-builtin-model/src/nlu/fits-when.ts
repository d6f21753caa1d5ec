import type { PracticeClock } from './practice-clock';
import type { WhenPreference } from './when';

/**
 * Whether a local start ("YYYY-MM-DDTHH:mm") is what the caller's words describe: "Wednesday" fits any
 * Wednesday, "at 10" any 10:00, "in the afternoon" any start from noon, "whatever is first" anything.
 */
export function fitsWhen(start: string, when: WhenPreference, clock: PracticeClock): boolean {
  if (when.firstAvailable) return true;
  if (when.weekday !== undefined) {
    if (clock.parseDate(start.slice(0, 10))?.weekday !== when.weekday) return false;
  } else if (when.date && start.slice(0, 10) !== when.date) {
    return false;
  }
  if (when.time) return start.slice(11, 16) === when.time;
  if (when.partOfDay) return (Number(start.slice(11, 13)) < 12 ? 'morning' : 'afternoon') === when.partOfDay;
  return true;
}
