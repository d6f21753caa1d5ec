import type { KnownAppointmentType, PracticeClock } from '../nlu';

/** "cleaning", "new patient visit": the practice's name for a type code, as said mid-sentence. */
export function typeName(codeOrName: string, types: readonly KnownAppointmentType[]): string {
  const wanted = codeOrName.toLowerCase();
  const type = types.find((candidate) => candidate.code.toLowerCase() === wanted || candidate.name.toLowerCase() === wanted);
  return (type?.name ?? codeOrName.replace(/_/g, ' ')).toLowerCase();
}

/**
 * "cleaning on Tuesday, November 3 at 10 AM with Dr. Lee": an appointment as said after "your" (or,
 * with an article, after "you have"). The tools' words give the time and provider only, so the type's
 * name comes from the practice; words that already lead with it (an older wording) keep it once.
 */
export function describeAppointment(
  appointment: { type: string; spoken: string },
  types: readonly KnownAppointmentType[],
): string {
  const type = typeName(appointment.type, types);
  const spoken = appointment.spoken.trim();
  if (spoken.toLowerCase().startsWith(`${type} `)) return `${type}${spoken.slice(type.length)}`;
  return `${type} on ${spoken}`;
}

/** "a cleaning", "an exam". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "a cleaning, an exam, or a new patient visit". */
export function joinAlternatives(items: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length === 2) return `${items[0]} ${conjunction} ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, ${conjunction} ${items[items.length - 1]}`;
}

/** "Tuesday, November 3" for a local "YYYY-MM-DD". */
export function spokenDate(isoDate: string, clock: PracticeClock): string {
  const date = clock.parseDate(isoDate);
  return date ? date.toFormat('cccc, LLLL d') : isoDate;
}

/** "10 AM", "2:30 PM" for a local "HH:mm". */
export function spokenTime(time: string): string {
  const [hourText, minuteText] = time.split(':');
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const twelveHour = hour % 12 === 0 ? 12 : hour % 12;
  const meridiem = hour < 12 ? 'AM' : 'PM';
  return minute === 0 ? `${twelveHour} ${meridiem}` : `${twelveHour}:${String(minute).padStart(2, '0')} ${meridiem}`;
}

/** "March 14, 1985" for a date of birth. */
export function spokenBirthDate(isoDate: string, clock: PracticeClock): string {
  const date = clock.parseDate(isoDate);
  return date ? date.toFormat('LLLL d, yyyy') : isoDate;
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth'];

export function ordinalWord(index: number): string {
  return ORDINAL_WORDS[index] ?? `number ${index + 1}`;
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];

export function countWord(count: number): string {
  return COUNT_WORDS[count] ?? String(count);
}
