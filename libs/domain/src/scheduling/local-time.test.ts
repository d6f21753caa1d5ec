import { describe, expect, it } from 'vitest';
import {
  addDays,
  isLocalDate,
  localToInstant,
  minutesOfDay,
  spokenClockTime,
  spokenDateTime,
  startOfLocalDay,
  weekdayOf,
  zoneClock,
} from './local-time';

const NEW_YORK = 'America/New_York';
const at = (date: string, time: string, zone = NEW_YORK) => localToInstant(date, time, zone)?.toISOString() ?? null;

describe('local wall-clock time <-> instant', () => {
  it('converts ordinary times with the offset in force that day', () => {
    expect(at('2026-12-01', '10:00')).toBe('2026-12-01T15:00:00.000Z'); // EST, UTC-5
    expect(at('2026-07-01', '10:00')).toBe('2026-07-01T14:00:00.000Z'); // EDT, UTC-4
  });

  it('resolves a time that happens twice (fall back) to the earlier instant', () => {
    // 2026-11-01: 01:00-01:59 happens in EDT, then again in EST.
    expect(at('2026-11-01', '01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(at('2026-11-01', '00:59')).toBe('2026-11-01T04:59:00.000Z');
    expect(at('2026-11-01', '02:00')).toBe('2026-11-01T07:00:00.000Z');
  });

  it('gives no instant for a time the clock skips (spring forward)', () => {
    // 2027-03-14: 02:00 EST jumps to 03:00 EDT.
    expect(at('2027-03-14', '01:59')).toBe('2027-03-14T06:59:00.000Z');
    expect(at('2027-03-14', '02:00')).toBeNull();
    expect(at('2027-03-14', '02:30')).toBeNull();
    expect(at('2027-03-14', '03:00')).toBe('2027-03-14T07:00:00.000Z');
  });

  it('handles other zones and half-hour DST shifts', () => {
    // London falls back at 02:00 BST on 2026-10-25: 01:30 happens twice.
    expect(at('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
    // Lord Howe Island moves 30 minutes forward at 02:00 on 2026-10-04.
    expect(at('2026-10-04', '02:15', 'Australia/Lord_Howe')).toBeNull();
    expect(at('2026-10-04', '02:30', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('places a boundary inside the gap at the jump itself', () => {
    const clock = zoneClock(NEW_YORK);
    const naive0230 = Date.parse('2027-03-14T02:30:00Z');
    expect(new Date(clock.boundaryOf(naive0230)).toISOString()).toBe('2027-03-14T07:00:00.000Z');
    expect(startOfLocalDay('2026-11-01', NEW_YORK).toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('reads the local date, time and weekday of an instant', () => {
    const clock = zoneClock(NEW_YORK);
    // 03:30 UTC on Wednesday is still Tuesday evening in New York.
    expect(clock.localPartsOf(new Date('2026-12-02T03:30:00Z'))).toEqual({ date: '2026-12-01', time: '22:30', weekday: 'tuesday' });
    expect(clock.localDateTimeOf(new Date('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30');
  });

  it('adds calendar days keeping the wall-clock time across a DST change', () => {
    const clock = zoneClock(NEW_YORK);
    const fridayMorning = new Date('2026-10-30T13:00:00Z'); // 09:00 EDT
    expect(clock.plusDays(fridayMorning, 3).toISOString()).toBe('2026-11-02T14:00:00.000Z'); // 09:00 EST
  });

  it('rejects an unknown zone', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(/Invalid IANA time zone/);
  });
});

describe('local dates and times', () => {
  it('validates calendar dates', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('26-01-01')).toBe(false);
  });

  it('knows weekdays and adds days over month and year ends', () => {
    expect(weekdayOf('2026-12-01')).toBe('tuesday');
    expect(weekdayOf('2027-03-14')).toBe('sunday');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('parses wall-clock times, including the end of the day', () => {
    expect(minutesOfDay('08:30')).toBe(510);
    expect(minutesOfDay('24:00')).toBe(1440);
    expect(() => minutesOfDay('8:30')).toThrow(/HH:mm/);
    expect(() => minutesOfDay('24:30')).toThrow(/HH:mm/);
  });
});

describe('spoken times', () => {
  it('says clock times the way a receptionist does', () => {
    expect(spokenClockTime('10:00')).toBe('10 AM');
    expect(spokenClockTime('10:30')).toBe('10:30 AM');
    expect(spokenClockTime('12:00')).toBe('12 PM');
    expect(spokenClockTime('00:15')).toBe('12:15 AM');
    expect(spokenClockTime('17:05')).toBe('5:05 PM');
  });

  it('says an instant in the practice zone', () => {
    expect(spokenDateTime(new Date('2026-12-01T15:00:00Z'), NEW_YORK)).toBe('Tuesday, December 1 at 10 AM');
    expect(spokenDateTime(new Date('2026-12-01T15:30:00Z'), 'America/Los_Angeles')).toBe('Tuesday, December 1 at 7:30 AM');
  });
});
