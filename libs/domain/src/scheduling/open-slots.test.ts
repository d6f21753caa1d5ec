import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { AppointmentType, BusyBlock, Practice, Slot } from '../model';
import { brightSmileDental, nightOwlDental } from './bright-smile.fixture';
import { computeOpenSlots } from './open-slots';


function typeOf(practice: Practice, code: string): AppointmentType {
  const type = practice.appointmentTypes.find((candidate) => candidate.code === code);
  if (!type) throw new Error(`fixture has no type ${code}`);
  return type;
}

function slots(
  practice: Practice,
  code: string,
  window: { from: string; to: string; notBefore?: string },
  busy: BusyBlock[] = [],
): Slot[] {
  return computeOpenSlots({
    practice,
    appointmentType: typeOf(practice, code),
    from: new Date(window.from),
    to: new Date(window.to),
    notBefore: new Date(window.notBefore ?? window.from),
    busy,
  });
}

const starts = (list: Slot[]) => list.map((slot) => slot.start.replace(':00.000Z', 'Z'));
const localTimes = (list: Slot[], zone = 'America/New_York') =>
  list.map((slot) => DateTime.fromISO(slot.start, { zone }).toFormat('yyyy-MM-dd HH:mm'));

describe('computeOpenSlots: opening hours in the practice zone', () => {
  const practice = brightSmileDental();

  it('offers the grid from opening to the last start that ends by closing', () => {
    const day = slots(practice, 'exam', { from: '2026-12-01T05:00:00Z', to: '2026-12-02T05:00:00Z' });
    expect(day).toHaveLength(18); // 08:00 .. 16:30, every 30 minutes, one dentist
    expect(starts(day).slice(0, 2)).toEqual(['2026-12-01T13:00Z', '2026-12-01T13:30Z']);
    expect(day.at(-1)).toMatchObject({ start: '2026-12-01T21:30:00.000Z', end: '2026-12-01T22:00:00.000Z' });
    expect(day.every((slot) => slot.providerId === 'dr-lee' && slot.operatoryId === 'op-1' && slot.typeCode === 'exam')).toBe(true);
  });

  it('ends every slot by closing time', () => {
    const newPatient = slots(practice, 'new_patient', { from: '2026-12-01T05:00:00Z', to: '2026-12-02T05:00:00Z' });
    expect(localTimes(newPatient).at(-1)).toBe('2026-12-01 15:30'); // 90 minutes: 15:30-17:00
    const cleaning = slots(practice, 'cleaning', { from: '2026-12-01T05:00:00Z', to: '2026-12-02T05:00:00Z' });
    expect(localTimes(cleaning).at(-1)).toBe('2026-12-01 16:00');
  });

  it('keeps the same wall-clock openings across the fall-back weekend (2026-11-01)', () => {
    const week = slots(practice, 'exam', { from: '2026-10-30T04:00:00Z', to: '2026-11-03T05:00:00Z' });
    const friday = week.filter((slot) => slot.start.startsWith('2026-10-30'));
    const monday = week.filter((slot) => slot.start.startsWith('2026-11-02'));
    expect(friday[0]?.start).toBe('2026-10-30T12:00:00.000Z'); // 08:00 EDT
    expect(monday[0]?.start).toBe('2026-11-02T13:00:00.000Z'); // 08:00 EST
    expect(monday.at(-1)?.start).toBe('2026-11-02T21:30:00.000Z'); // 16:30 EST
    expect(friday).toHaveLength(18);
    expect(monday).toHaveLength(18);
    expect(week).toHaveLength(36); // nothing on the weekend
    expect(new Set(localTimes(friday).map((t) => t.slice(11)))).toEqual(new Set(localTimes(monday).map((t) => t.slice(11))));
  });

  it('keeps the same wall-clock openings across the spring-forward weekend (2027-03-14)', () => {
    const week = slots(practice, 'exam', { from: '2027-03-12T05:00:00Z', to: '2027-03-16T04:00:00Z', notBefore: '2027-03-11T00:00:00Z' });
    expect(week.find((slot) => slot.start.startsWith('2027-03-12'))?.start).toBe('2027-03-12T13:00:00.000Z'); // 08:00 EST
    expect(week.find((slot) => slot.start.startsWith('2027-03-15'))?.start).toBe('2027-03-15T12:00:00.000Z'); // 08:00 EDT
    expect(week).toHaveLength(36);
  });

  it('skips closures', () => {
    const christmasWeek = slots(practice, 'exam', { from: '2026-12-24T05:00:00Z', to: '2026-12-26T05:00:00Z', notBefore: '2026-12-01T00:00:00Z' });
    expect(christmasWeek.every((slot) => localTimes([slot])[0]?.startsWith('2026-12-24'))).toBe(true);
    expect(christmasWeek).toHaveLength(18);
  });

  it('offers each start once when opening periods overlap', () => {
    const overlapping = brightSmileDental({
      weeklyHours: { tuesday: [{ opens: '09:00', closes: '11:00' }, { opens: '08:00', closes: '10:00' }] },
    });
    const day = slots(overlapping, 'exam', { from: '2026-12-01T05:00:00Z', to: '2026-12-02T05:00:00Z' });
    expect(localTimes(day).map((t) => t.slice(11))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30']);
  });

  it('uses every opening period of the day, each on its own grid', () => {
    const split = brightSmileDental({
      weeklyHours: { tuesday: [{ opens: '13:10', closes: '15:00' }, { opens: '08:00', closes: '12:00' }] },
    });
    const day = slots(split, 'cleaning', { from: '2026-12-01T05:00:00Z', to: '2026-12-02T05:00:00Z' });
    expect(localTimes(day).map((t) => t.slice(11))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '13:10', '13:40']);
  });
});

describe('computeOpenSlots: a schedule that straddles the 2 AM DST changes', () => {
  const practice = nightOwlDental();

  it('offers each local start once on the fall-back night, at the earlier instant', () => {
    const night = slots(practice, 'exam', { from: '2026-11-01T04:00:00Z', to: '2026-11-01T12:00:00Z', notBefore: '2026-10-31T00:00:00Z' });
    expect(starts(night)).toEqual([
      '2026-11-01T04:00Z', // 00:00 EDT
      '2026-11-01T04:30Z',
      '2026-11-01T05:00Z', // 01:00 EDT (not the repeated 01:00 EST)
      '2026-11-01T05:30Z',
      '2026-11-01T07:00Z', // 02:00 EST
      '2026-11-01T07:30Z',
      '2026-11-01T08:00Z',
      '2026-11-01T08:30Z', // 03:30 EST, ends at closing 04:00 EST
    ]);
  });

  it('skips the nonexistent hour on the spring-forward night and still ends by closing', () => {
    const exam = slots(practice, 'exam', { from: '2027-03-14T05:00:00Z', to: '2027-03-14T12:00:00Z', notBefore: '2027-03-13T00:00:00Z' });
    expect(localTimes(exam).map((t) => t.slice(11))).toEqual(['00:00', '00:30', '01:00', '01:30', '03:00', '03:30']);
    expect(starts(exam)).toEqual(['2027-03-14T05:00Z', '2027-03-14T05:30Z', '2027-03-14T06:00Z', '2027-03-14T06:30Z', '2027-03-14T07:00Z', '2027-03-14T07:30Z']);
    const cleaning = slots(practice, 'cleaning', { from: '2027-03-14T05:00:00Z', to: '2027-03-14T12:00:00Z', notBefore: '2027-03-13T00:00:00Z' });
    // 60 minutes of real time: 01:30 EST runs to 03:30 EDT; the last start is 03:00 EDT (closing 04:00 EDT).
    expect(starts(cleaning)).toEqual(['2027-03-14T05:00Z', '2027-03-14T05:30Z', '2027-03-14T06:00Z', '2027-03-14T06:30Z', '2027-03-14T07:00Z']);
  });

  it('closes at the jump when closing time falls in the gap, and at the first 01:30 when it repeats', () => {
    const gapClose = nightOwlDental({ weeklyHours: { sunday: [{ opens: '00:00', closes: '02:30' }] } });
    const spring = slots(gapClose, 'cleaning', { from: '2027-03-14T05:00:00Z', to: '2027-03-14T12:00:00Z', notBefore: '2027-03-13T00:00:00Z' });
    expect(starts(spring)).toEqual(['2027-03-14T05:00Z', '2027-03-14T05:30Z', '2027-03-14T06:00Z']); // closes 07:00Z

    const overlapClose = nightOwlDental({ weeklyHours: { sunday: [{ opens: '00:00', closes: '01:30' }] } });
    const fall = slots(overlapClose, 'exam', { from: '2026-11-01T04:00:00Z', to: '2026-11-01T12:00:00Z', notBefore: '2026-10-31T00:00:00Z' });
    expect(starts(fall)).toEqual(['2026-11-01T04:00Z', '2026-11-01T04:30Z', '2026-11-01T05:00Z']); // closes 05:30Z
  });
});

describe('computeOpenSlots: notice, horizon and bounds', () => {
  const practice = brightSmileDental();

  it('never starts before notBefore, nor in the past, keeping the grid from opening', () => {
    // Monday 2026-11-30 09:10 EST + 2 h notice = 11:10 EST.
    const today = slots(practice, 'exam', { from: '2026-11-23T00:00:00Z', to: '2026-12-01T05:00:00Z', notBefore: '2026-11-30T16:10:00Z' });
    expect(localTimes(today)[0]).toBe('2026-11-30 11:30');
    expect(today.every((slot) => Date.parse(slot.start) >= Date.parse('2026-11-30T16:10:00Z'))).toBe(true);
  });

  it('never offers beyond maximumDaysAhead after notBefore', () => {
    const notBefore = '2026-11-30T16:00:00Z'; // 11:00 EST
    const all = slots(practice, 'exam', { from: notBefore, to: '2027-06-01T00:00:00Z' });
    expect(all.at(-1)?.start).toBe('2027-01-29T16:00:00.000Z'); // Friday, 60 days later, 11:00 EST
    expect(all.length).toBeGreaterThan(0);
  });

  it('returns starts in [from, to)', () => {
    const window = slots(practice, 'exam', { from: '2026-12-01T15:00:00Z', to: '2026-12-01T16:00:00Z', notBefore: '2026-11-30T00:00:00Z' });
    expect(starts(window)).toEqual(['2026-12-01T15:00Z', '2026-12-01T15:30Z']);
    expect(slots(practice, 'exam', { from: '2026-12-01T16:00:00Z', to: '2026-12-01T15:00:00Z' })).toEqual([]);
  });

  it('has nothing for a type no provider can see', () => {
    const noHygienist = brightSmileDental({ providers: [{ id: 'dr-lee', name: 'Dr. Lee', kind: 'dentist' }] });
    expect(slots(noHygienist, 'cleaning', { from: '2026-12-01T05:00:00Z', to: '2026-12-02T05:00:00Z' })).toEqual([]);
  });
});

describe('computeOpenSlots: busy providers and operatories', () => {
  const practice = brightSmileDental();
  const tuesday = { from: '2026-12-01T05:00:00Z', to: '2026-12-02T05:00:00Z', notBefore: '2026-11-30T00:00:00Z' };
  const block = (providerId: string, operatoryId: string, start: string, end: string): BusyBlock => ({
    providerId,
    operatoryId,
    start: `2026-12-01T${start}:00.000Z`,
    end: `2026-12-01T${end}:00.000Z`,
  });
  const at = (list: Slot[], utc: string) => list.filter((slot) => slot.start === `2026-12-01T${utc}:00.000Z`);

  it('a busy provider blocks their own slots only', () => {
    const busy = [block('dr-lee', 'op-1', '15:00', '15:30')]; // 10:00-10:30 EST
    const exam = slots(practice, 'exam', tuesday, busy);
    expect(at(exam, '15:00')).toEqual([]);
    expect(at(exam, '14:30')).toHaveLength(1); // ends 10:00, touching is not overlapping
    expect(at(exam, '15:30')).toHaveLength(1);
    const cleaning = slots(practice, 'cleaning', tuesday, busy);
    expect(at(cleaning, '15:00')).toEqual([expect.objectContaining({ providerId: 'hyg-kim', operatoryId: 'op-2' })]);
  });

  it('a free provider without a free operatory has no slot', () => {
    // Both chairs taken 10:00-11:00 EST by a visiting specialist: Dr. Lee is free, but has nowhere to work.
    const busy = [block('dr-visiting', 'op-1', '15:00', '16:00'), block('hyg-visiting', 'op-2', '15:00', '16:00')];
    const exam = slots(practice, 'exam', tuesday, busy);
    expect(at(exam, '15:00')).toEqual([]);
    expect(at(exam, '15:30')).toEqual([]);
    expect(at(exam, '14:30')).toHaveLength(1);
    expect(at(exam, '16:00')).toHaveLength(1);
    const cleaning = slots(practice, 'cleaning', tuesday, busy);
    expect(at(cleaning, '14:30')).toEqual([]); // 60 minutes would run into the busy chairs
  });

  it('uses the first free operatory and merges overlapping blocks', () => {
    const busy = [block('x', 'op-1', '15:00', '15:40'), block('y', 'op-1', '15:20', '16:10')];
    const exam = slots(practice, 'exam', tuesday, busy);
    expect(at(exam, '15:30')).toEqual([expect.objectContaining({ operatoryId: 'op-2' })]);
    expect(at(exam, '16:30')).toEqual([expect.objectContaining({ operatoryId: 'op-1' })]);
  });

  it('gives one slot per provider, sorted by start then provider id', () => {
    const twoDentists = brightSmileDental({
      providers: [
        { id: 'dr-zed', name: 'Dr. Zed', kind: 'dentist' },
        { id: 'dr-abe', name: 'Dr. Abe', kind: 'dentist' },
      ],
    });
    const busy = [block('dr-abe', 'op-1', '13:00', '13:30')];
    const exam = slots(twoDentists, 'exam', tuesday, busy);
    expect(exam.slice(0, 3).map((slot) => [slot.start.slice(11, 16), slot.providerId, slot.operatoryId])).toEqual([
      ['13:00', 'dr-zed', 'op-2'],
      ['13:30', 'dr-abe', 'op-1'],
      ['13:30', 'dr-zed', 'op-1'],
    ]);
  });

  it('rejects a busy block it cannot read rather than freeing its time', () => {
    expect(() => slots(practice, 'exam', tuesday, [{ providerId: 'dr-lee', operatoryId: 'op-1', start: 'soon', end: 'later' }])).toThrow(
      /invalid instant/,
    );
  });
});
