import { describe, expect, it } from 'vitest';
import type { Slot } from '../model';
import { localToInstant } from './local-time';
import { selectSlots } from './slot-selection';

const ZONE = 'America/New_York';

/** Slots at local "YYYY-MM-DD HH:mm" times, for the given providers. */
function slotsAt(times: string[], providers = ['dr-lee']): Slot[] {
  return times.flatMap((time) => {
    const [date, clock] = time.split(' ') as [string, string];
    const start = localToInstant(date, clock, ZONE) as Date;
    return providers.map((providerId) => ({
      typeCode: 'exam',
      providerId,
      operatoryId: 'op-1',
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    }));
  });
}

const local = (slots: Slot[]) =>
  slots.map((slot) => {
    const date = new Date(slot.start);
    return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(date).replace(',', '');
  });

const tuesday = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '13:00', '14:00', '16:30'].map((t) => `2026-12-01 ${t}`);

describe('selectSlots', () => {
  it('spreads the choices over the first day when there is no preferred time', () => {
    expect(local(selectSlots(slotsAt(tuesday), {}, ZONE))).toEqual(['2026-12-01 08:00', '2026-12-01 11:00', '2026-12-01 14:00', '2026-12-01 16:30']);
  });

  it('puts the exact preferred time first, then the nearest', () => {
    expect(local(selectSlots(slotsAt(tuesday), { time: '10:00' }, ZONE))).toEqual([
      '2026-12-01 10:00',
      '2026-12-01 09:30',
      '2026-12-01 10:30',
      '2026-12-01 09:00',
    ]);
  });

  it('prefers the soonest day that has the exact time', () => {
    const slots = slotsAt(['2026-12-01 08:00', '2026-12-01 16:30', '2026-12-02 10:00', '2026-12-02 15:00', '2026-12-03 10:00']);
    expect(local(selectSlots(slots, { time: '10:00' }, ZONE))).toEqual([
      '2026-12-02 10:00',
      '2026-12-02 15:00',
      '2026-12-01 08:00',
      '2026-12-01 16:30',
    ]);
  });

  it('filters by part of day: morning before noon, afternoon from noon', () => {
    const slots = slotsAt(['2026-12-01 11:30', '2026-12-01 12:00', '2026-12-01 12:30']);
    expect(local(selectSlots(slots, { partOfDay: 'morning' }, ZONE))).toEqual(['2026-12-01 11:30']);
    expect(local(selectSlots(slots, { partOfDay: 'afternoon' }, ZONE))).toEqual(['2026-12-01 12:00', '2026-12-01 12:30']);
    expect(selectSlots(slots, { partOfDay: 'any' }, ZONE)).toHaveLength(3);
  });

  it('offers each start time once, and continues onto later days when the first is short', () => {
    const slots = slotsAt(['2026-12-02 09:00', '2026-12-02 15:00', '2026-12-01 16:00', '2026-12-02 12:00', '2026-12-02 10:00'], ['dr-a', 'dr-b']);
    const picked = selectSlots(slots, {}, ZONE);
    expect(local(picked)).toEqual(['2026-12-01 16:00', '2026-12-02 09:00', '2026-12-02 12:00', '2026-12-02 15:00']);
    expect(picked.every((slot) => slot.providerId === 'dr-a')).toBe(true);
  });
});
