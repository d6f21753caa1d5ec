import { describe, expect, it } from 'vitest';
import {
  instantOf,
  localDatesCovering,
  localMomentOf,
  withinOpeningHours,
} from '../src/scheduling/practice-calendar';
import { maple } from './support/practice';

const NY = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();

describe('practice calendar', () => {
  it('reads the local date and wall-clock minutes of an instant', () => {
    expect(localMomentOf(Date.parse('2025-06-02T03:30:00.000Z'), NY)).toEqual({ date: '2025-06-01', minutes: 23 * 60 + 30 });
    expect(localMomentOf(Date.parse('2025-01-15T17:05:00.000Z'), NY)).toEqual({ date: '2025-01-15', minutes: 12 * 60 + 5 });
  });

  it('finds the instant of a local time across daylight-saving changes', () => {
    expect(iso(instantOf('2025-06-02', 12 * 60, NY))).toBe('2025-06-02T16:00:00.000Z');
    expect(iso(instantOf('2025-01-15', 12 * 60, NY))).toBe('2025-01-15T17:00:00.000Z');
    expect(iso(instantOf('2025-03-09', 0, NY))).toBe('2025-03-09T05:00:00.000Z');
    // 01:30 happens twice on 2025-11-02: the earlier (EDT) one.
    expect(iso(instantOf('2025-11-02', 90, NY))).toBe('2025-11-02T05:30:00.000Z');
    expect(iso(instantOf('2025-06-02', 12 * 60, 'Asia/Kolkata'))).toBe('2025-06-02T06:30:00.000Z');
  });

  it('lists the local dates a range touches, end exclusive, bounded', () => {
    const from = Date.parse('2025-06-02T12:00:00.000Z');
    expect(localDatesCovering(from, Date.parse('2025-06-04T04:00:00.000Z'), NY, 14)).toEqual(['2025-06-02', '2025-06-03']);
    expect(localDatesCovering(from, Date.parse('2025-06-04T04:00:00.001Z'), NY, 14)).toEqual(['2025-06-02', '2025-06-03', '2025-06-04']);
    expect(localDatesCovering(from, Date.parse('2025-07-30T00:00:00.000Z'), NY, 3)).toEqual(['2025-06-02', '2025-06-03', '2025-06-04']);
    expect(localDatesCovering(from, from, NY, 14)).toEqual([]);
  });

  it("holds a span to one of the practice's opening periods", () => {
    const within = (start: string, end: string) => withinOpeningHours(maple, Date.parse(start), Date.parse(end));
    expect(within('2025-06-02T12:00:00.000Z', '2025-06-02T13:00:00.000Z')).toBe(true); // Mon 08:00-09:00
    expect(within('2025-06-02T20:00:00.000Z', '2025-06-02T21:00:00.000Z')).toBe(true); // Mon 16:00-17:00
    expect(within('2025-06-02T11:30:00.000Z', '2025-06-02T12:30:00.000Z')).toBe(false); // starts before opening
    expect(within('2025-06-02T20:30:00.000Z', '2025-06-02T21:30:00.000Z')).toBe(false); // runs past closing
    expect(within('2025-06-06T15:30:00.000Z', '2025-06-06T16:30:00.000Z')).toBe(false); // Friday closes at noon
    expect(within('2025-06-07T14:00:00.000Z', '2025-06-07T15:00:00.000Z')).toBe(false); // Saturday
    expect(within('2025-07-04T14:00:00.000Z', '2025-07-04T15:00:00.000Z')).toBe(false); // closure
  });
});
