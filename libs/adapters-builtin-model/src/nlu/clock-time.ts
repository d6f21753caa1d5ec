export type PartOfDay = 'morning' | 'afternoon';

/** The span of a typical dental day: a bare "ten" or "two" is read as the hour that falls inside it. */
const BUSINESS_START_HOUR = 8;
const BUSINESS_END_HOUR = 17;

/**
 * The 24-hour hour meant by an hour said without AM or PM. A part of day decides when given
 * ("two in the afternoon"); otherwise the reading inside 08:00-17:00 wins, then the afternoon one
 * (nobody books a 4 AM cleaning).
 */
export function resolveHour(hour: number, meridiemKnown: boolean, partOfDay?: PartOfDay): number {
  if (meridiemKnown || hour < 1 || hour > 12) return hour;
  const morning = hour === 12 ? 0 : hour;
  const afternoon = hour === 12 ? 12 : hour + 12;
  if (partOfDay === 'morning') return hour === 12 ? 12 : morning;
  if (partOfDay === 'afternoon') return afternoon;
  const inHours = (candidate: number) => candidate >= BUSINESS_START_HOUR && candidate <= BUSINESS_END_HOUR;
  if (inHours(morning)) return morning;
  return afternoon;
}

export function formatClockTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** "morning" / "afternoon" as the caller said it ("tomorrow afternoon", "after lunch", "in the evening"). */
export function detectPartOfDay(normalized: string): PartOfDay | undefined {
  if (/\b(?:afternoon|evening|after lunch|after work|after school|late in the day|later in the day)\b/.test(normalized)) {
    return 'afternoon';
  }
  if (/\b(?:morning|before lunch|before work|early in the day)\b/.test(normalized)) return 'morning';
  return undefined;
}
