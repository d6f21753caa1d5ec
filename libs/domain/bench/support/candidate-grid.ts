import type { Slot } from '../../src/model';

/**
 * The baseline: a plain loop that builds `count` slots on a 30-minute grid from `startMs`, with their ISO
 * strings, and checks nothing (no opening hours, no time zone, no closures, no busy time). Like the real
 * search it formats each instant once (a slot's end is often the next one's start). It is the least any
 * slot search returning `count` slots has to do, so the ratio to it is the price of the rules.
 */
export function candidateGrid(count: number, startMs: number, typeCode: string, durationMinutes: number): Slot[] {
  const step = 30 * 60_000;
  const duration = durationMinutes * 60_000;
  const slots: Slot[] = [];
  let previousEnd = { at: Number.NaN, text: '' };
  for (let index = 0; index < count; index++) {
    const start = startMs + index * step;
    const startText = previousEnd.at === start ? previousEnd.text : new Date(start).toISOString();
    previousEnd = { at: start + duration, text: new Date(start + duration).toISOString() };
    slots.push({ typeCode, providerId: 'provider', operatoryId: 'operatory', start: startText, end: previousEnd.text });
  }
  return slots;
}
