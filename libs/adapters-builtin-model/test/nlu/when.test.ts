import { afterEach, describe, expect, it } from 'vitest';
import { PracticeClock, parseWhen, resolveHour } from '../../src';

/** Wednesday, October 28, 2026, 9:00 AM in New York; daylight saving time ends Sunday, November 1. */
const wednesdayMorning = new PracticeClock('2026-10-28T13:00:00Z', 'America/New_York');

describe('days and times relative to the practice clock', () => {
  it.each([
    ['next Tuesday at ten', { date: '2026-11-03', time: '10:00', weekday: 2 }],
    ['tomorrow afternoon', { date: '2026-10-29', partOfDay: 'afternoon' }],
    ['the 3rd at 2:30', { date: '2026-11-03', time: '14:30' }],
    ['the third at two thirty', { date: '2026-11-03', time: '14:30' }],
    ['Monday morning', { date: '2026-11-02', partOfDay: 'morning', weekday: 1 }],
    ['December 3rd at 9', { date: '2026-12-03', time: '09:00' }],
    ['December the third at nine', { date: '2026-12-03', time: '09:00' }],
    ['10 am', { time: '10:00' }],
    ['half past two on Friday', { date: '2026-10-30', time: '14:30', weekday: 5 }],
    ['a quarter to ten tomorrow', { date: '2026-10-29', time: '09:45' }],
    ['noon on Friday', { date: '2026-10-30', time: '12:00', weekday: 5 }],
    ['Thursday at 2:30 pm', { date: '2026-10-29', time: '14:30', weekday: 4 }],
    ['how about Thursday at one', { date: '2026-10-29', time: '13:00', weekday: 4 }],
    ['on the 30th', { date: '2026-10-30' }],
    ['in December', { date: '2026-12-01', span: 'month' }],
    ['Tues at 3', { date: '2026-11-03', time: '15:00', weekday: 2 }],
    ['the day after tomorrow', { date: '2026-10-30' }],
    ['early morning Thursday', { date: '2026-10-29', partOfDay: 'morning', weekday: 4 }],
    ['11/3 at 10', { date: '2026-11-03', time: '10:00' }],
    ['in 2 weeks', { date: '2026-11-11' }],
    ['the 1st of December at eleven thirty', { date: '2026-12-01', time: '11:30' }],
  ])('reads "%s"', (said, expected) => {
    expect(parseWhen(said, wednesdayMorning)).toEqual(expected);
  });

  it('keeps the wall-clock time across the end of daylight saving time', () => {
    // The Tuesday after the change is EST (UTC-5) while "now" is EDT (UTC-4): ten is still 10:00.
    expect(parseWhen('next Tuesday at ten', wednesdayMorning)).toMatchObject({ date: '2026-11-03', time: '10:00' });
    const saturdayNight = new PracticeClock('2026-11-01T03:30:00Z', 'America/New_York'); // 11:30 PM EDT Oct 31
    expect(parseWhen('tomorrow at 9', saturdayNight)).toEqual({ date: '2026-11-01', time: '09:00' });
    const sundayAfterChange = new PracticeClock('2026-11-01T14:00:00Z', 'America/New_York'); // 9:00 AM EST
    expect(parseWhen('tomorrow at 9', sundayAfterChange)).toEqual({ date: '2026-11-02', time: '09:00' });
  });

  it("takes today from the practice's zone, not from UTC", () => {
    // 10:30 PM on Wednesday in New York is already Thursday in UTC.
    const lateWednesday = new PracticeClock('2026-10-29T02:30:00Z', 'America/New_York');
    expect(parseWhen('tomorrow at 9', lateWednesday)).toEqual({ date: '2026-10-29', time: '09:00' });
    const tokyo = new PracticeClock('2026-10-28T16:00:00Z', 'Asia/Tokyo'); // 1:00 AM Thursday in Tokyo
    expect(parseWhen('tomorrow', tokyo)).toEqual({ date: '2026-10-30' });
  });

  describe('whatever zone the server runs in', () => {
    const originalZone = process.env.TZ;
    afterEach(() => {
      if (originalZone === undefined) delete process.env.TZ;
      else process.env.TZ = originalZone;
    });

    it.each(['Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata', 'UTC'])('gives the same answers on a server in %s', (zone) => {
      process.env.TZ = zone;
      expect(parseWhen('next Tuesday at ten', wednesdayMorning)).toMatchObject({ date: '2026-11-03', time: '10:00' });
      expect(parseWhen('Wednesday at 2', wednesdayMorning)).toMatchObject({ date: '2026-10-28', time: '14:00' });
      expect(parseWhen('December 3rd at 9', wednesdayMorning)).toEqual({ date: '2026-12-03', time: '09:00' });
      expect(parseWhen('tomorrow afternoon', wednesdayMorning)).toEqual({ date: '2026-10-29', partOfDay: 'afternoon' });
      expect(parseWhen('the 3rd at 2:30', wednesdayMorning)).toEqual({ date: '2026-11-03', time: '14:30' });
    });
  });

  it('reads a bare hour inside opening hours', () => {
    expect(parseWhen('at ten', wednesdayMorning)).toEqual({ time: '10:00' });
    expect(parseWhen('at two', wednesdayMorning)).toEqual({ time: '14:00' });
    expect(parseWhen('around four', wednesdayMorning)).toEqual({ time: '16:00' });
    expect(parseWhen('Friday at eight', wednesdayMorning)).toMatchObject({ time: '08:00' });
  });

  it('lets a part of day decide an hour said without AM or PM', () => {
    expect(parseWhen('Tuesday at 2 in the afternoon', wednesdayMorning)).toMatchObject({ time: '14:00' });
    expect(parseWhen('tomorrow at 9 in the evening', wednesdayMorning)).toMatchObject({ time: '21:00' });
  });

  it('takes a whole answer of just a time when a time was asked for', () => {
    expect(parseWhen('ten', wednesdayMorning, { bareTime: true })).toEqual({ time: '10:00' });
    expect(parseWhen('um, two thirty', wednesdayMorning, { bareTime: true })).toEqual({ time: '14:30' });
    expect(parseWhen('eleven please', wednesdayMorning, { bareTime: true })).toEqual({ time: '11:00' });
    expect(parseWhen('ten', wednesdayMorning)).toBeUndefined();
  });

  it('understands "first available" without inventing a day', () => {
    expect(parseWhen('whatever is first', wednesdayMorning)).toEqual({ firstAvailable: true });
    expect(parseWhen('the first available', wednesdayMorning)).toEqual({ firstAvailable: true });
    expect(parseWhen('as soon as possible', wednesdayMorning)).toEqual({ firstAvailable: true });
  });

  it('moves weekdays forward: today counts, "next" skips today, "next week" picks that week', () => {
    expect(parseWhen('Wednesday at 2', wednesdayMorning)).toMatchObject({ date: '2026-10-28', time: '14:00' });
    expect(parseWhen('next Wednesday at 2', wednesdayMorning)).toMatchObject({ date: '2026-11-04', time: '14:00' });
    expect(parseWhen('Tuesday', wednesdayMorning)).toMatchObject({ date: '2026-11-03' });
    expect(parseWhen('Wednesday next week', wednesdayMorning)).toMatchObject({ date: '2026-11-04' });
    expect(parseWhen('Monday next week', wednesdayMorning)).toMatchObject({ date: '2026-11-02' });
  });

  it('moves a month and day without a year to the next time it comes round', () => {
    expect(parseWhen('January 5th at 10', wednesdayMorning)).toEqual({ date: '2027-01-05', time: '10:00' });
    expect(parseWhen('in January', wednesdayMorning)).toEqual({ date: '2027-01-01', span: 'month' });
    expect(parseWhen('October 30', wednesdayMorning)).toEqual({ date: '2026-10-30' });
  });

  it('reads "next week" as the week starting next Monday', () => {
    expect(parseWhen('anytime next week', wednesdayMorning)).toEqual({ date: '2026-11-02', span: 'week' });
  });

  it('ignores what is not a day or time to book', () => {
    expect(parseWhen('May I book a cleaning', wednesdayMorning)).toBeUndefined();
    expect(parseWhen('give me a second', wednesdayMorning)).toBeUndefined();
    expect(parseWhen('the first one', wednesdayMorning)).toBeUndefined();
    expect(parseWhen('in five minutes', wednesdayMorning)).toBeUndefined();
    // A date of birth is in the past: never a day to book.
    expect(parseWhen('March 14, 1985', wednesdayMorning)).toBeUndefined();
  });
});

describe('hours said without AM or PM', () => {
  it('prefers the reading inside 08:00-17:00', () => {
    expect(resolveHour(10, false)).toBe(10);
    expect(resolveHour(2, false)).toBe(14);
    expect(resolveHour(8, false)).toBe(8);
    expect(resolveHour(5, false)).toBe(17);
    expect(resolveHour(12, false)).toBe(12);
  });

  it('keeps an hour whose AM or PM was said', () => {
    expect(resolveHour(2, true)).toBe(2);
    expect(resolveHour(22, true)).toBe(22);
  });

  it('follows the part of day when one was said', () => {
    expect(resolveHour(11, false, 'afternoon')).toBe(23);
    expect(resolveHour(3, false, 'morning')).toBe(3);
  });
});
