import { describe, expect, it } from 'vitest';
import { normalizeUtterance, spokenNumbersToDigits } from '../../src';

describe('spoken numbers to digits', () => {
  it.each([
    ['ten', '10'],
    ['at two thirty', 'at 2:30'],
    ['ten fifteen tomorrow', '10:15 tomorrow'],
    ['twelve forty five', '12:45'],
    ['nineteen eighty five', '1985'],
    ['nineteen eighty-five', '1985'],
    ['twenty twenty six', '2026'],
    ['two thousand and three', '2003'],
    ['two thousand twelve', '2012'],
    ['the fourteenth of march', 'the 14th of march'],
    ['december twenty first', 'december 21st'],
    ['the third', 'the 3rd'],
    ['march fourteen, nineteen eighty five', 'march 14, 1985'],
  ])('reads "%s" as "%s"', (spoken, digits) => {
    expect(spokenNumbersToDigits(spoken)).toBe(digits);
  });

  it('keeps "one" as a word unless it is a time', () => {
    expect(spokenNumbersToDigits('the first one')).toBe('the 1st one');
    expect(spokenNumbersToDigits('that one works')).toBe('that one works');
    expect(spokenNumbersToDigits('at one')).toBe('at 1');
    expect(spokenNumbersToDigits('one pm')).toBe('1 pm');
  });

  it('reads a spoken date of birth digit by digit when clock times are off', () => {
    expect(spokenNumbersToDigits('oh four fourteen eighty five', { clockTimes: false })).toBe('04 14 85');
    expect(spokenNumbersToDigits('four fourteen nineteen eighty five', { clockTimes: false })).toBe('4 14 1985');
  });
});

describe('clock idioms', () => {
  it.each([
    ['half past two', '2:30'],
    ['a quarter past ten', '10:15'],
    ['quarter to ten', '9:45'],
    ['ten o\u2019clock', '10:00'],
    ['ten a.m.', '10 am'],
    ['2 P.M.', '2 pm'],
    ['at noon', 'at 12:00 pm'],
  ])('reads "%s" as "%s"', (spoken, normalized) => {
    expect(normalizeUtterance(spoken)).toBe(normalized);
  });
});
