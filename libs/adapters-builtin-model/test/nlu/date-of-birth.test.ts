import { describe, expect, it } from 'vitest';
import { PracticeClock, parseDateOfBirth } from '../../src';

const clock = new PracticeClock('2026-10-28T13:00:00Z', 'America/New_York');

describe('date of birth', () => {
  it.each([
    ['March 14, 1985', '1985-03-14'],
    ['march 14th 1985', '1985-03-14'],
    ['3/14/1985', '1985-03-14'],
    ['3-14-85', '1985-03-14'],
    ['1985-03-14', '1985-03-14'],
    ['the 14th of March 1985', '1985-03-14'],
    ['the fourteenth of March nineteen eighty five', '1985-03-14'],
    ['March fourteenth, nineteen eighty-five', '1985-03-14'],
    ["it's oh four fourteen eighty five", '1985-04-14'],
    ['I was born on January 2nd, 2003', '2003-01-02'],
    ['January second two thousand and three', '2003-01-02'],
    ['14/3/1985', '1985-03-14'],
    ['my birthday is 7/4/05', '2005-07-04'],
  ])('reads "%s"', (said, expected) => {
    expect(parseDateOfBirth(said, clock)).toBe(expected);
  });

  it('rejects dates that cannot be a birthday', () => {
    expect(parseDateOfBirth('February 30, 1990', clock)).toBeUndefined();
    expect(parseDateOfBirth('March 14, 2030', clock)).toBeUndefined();
    expect(parseDateOfBirth('March 14, 1850', clock)).toBeUndefined();
    expect(parseDateOfBirth('next Tuesday at ten', clock)).toBeUndefined();
  });
});
