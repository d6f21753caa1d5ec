import { describe, expect, it } from 'vitest';
import { parseName } from '../../src';

describe('names', () => {
  it.each([
    ['my name is Jane Doe', 'Jane Doe'],
    ['Hi, this is Jane Doe calling about my appointment', 'Jane Doe'],
    ["my name's jane doe and I'd like a cleaning", 'Jane Doe'],
    ['this is mary-kate o\u2019brien', "Mary-Kate O'Brien"],
    ['My name is April Jones', 'April Jones'],
    ['Name is José García', 'José García'],
    ['this is Dr. Maya Patel', 'Maya Patel'],
  ])('finds the name in "%s" anywhere in the call', (said, fullName) => {
    expect(parseName(said, { expected: false })).toEqual({ fullName });
  });

  it.each([
    ["it's Jane Doe", 'Jane Doe'],
    ["I'm Jane Doe", 'Jane Doe'],
    ['Jane Doe', 'Jane Doe'],
    ['jane doe.', 'Jane Doe'],
    ['yes, John Smith', 'John Smith'],
    ['Jane Doe, March 14 1985', 'Jane Doe'],
    ['jane doe march 14 1985', 'Jane Doe'],
    ['under Maria de la Cruz', 'Maria De La Cruz'],
  ])('takes "%s" as the answer when the name was asked for', (said, fullName) => {
    expect(parseName(said, { expected: true })).toEqual({ fullName });
  });

  it('needs to have asked before taking a bare name or "it\'s ..."', () => {
    expect(parseName('Jane Doe', { expected: false })).toEqual({});
    expect(parseName("it's Jane Doe", { expected: false })).toEqual({});
  });

  it('does not take ordinary answers for names', () => {
    for (const said of ['sounds good', 'this is about my appointment', "I'm looking to book", 'yes please', 'Tuesday works', "it's for a cleaning", 'can you repeat that', 'this is May 3rd']) {
      expect(parseName(said, { expected: true }), said).toEqual({});
    }
  });

  it('keeps a first name given alone, waiting for the last name', () => {
    expect(parseName('Jane', { expected: true })).toEqual({ firstName: 'Jane' });
    expect(parseName('this is Jane', { expected: false })).toEqual({ firstName: 'Jane' });
  });
});
