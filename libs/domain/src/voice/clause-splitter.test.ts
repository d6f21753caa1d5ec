import { describe, expect, it } from 'vitest';
import { ClauseSplitter } from './clause-splitter';

/** Feeds the text in pieces of `size` characters, as a model streams it, and collects every clause. */
function split(text: string, size = 3, minWordsForSoftBreak?: number): string[] {
  const splitter = new ClauseSplitter(minWordsForSoftBreak === undefined ? {} : { minWordsForSoftBreak });
  const clauses: string[] = [];
  for (let index = 0; index < text.length; index += size) clauses.push(...splitter.push(text.slice(index, index + size)));
  return [...clauses, ...splitter.flush()];
}

describe('ClauseSplitter', () => {
  it('splits on sentence ends as soon as the next character shows the sentence is over', () => {
    const splitter = new ClauseSplitter();
    expect(splitter.push('Sure. I can')).toEqual(['Sure.']);
    expect(splitter.push(' help! Which day?')).toEqual(['I can help!']);
    expect(splitter.push(' ')).toEqual(['Which day?']);
    expect(splitter.flush()).toEqual([]);
  });

  it('waits for the character after a period before deciding', () => {
    const splitter = new ClauseSplitter();
    expect(splitter.push('It costs 3.')).toEqual([]);
    expect(splitter.push('5 dollars. Anything')).toEqual(['It costs 3.5 dollars.']);
    expect(splitter.flush()).toEqual(['Anything']);
  });

  it('never splits times, decimals or thousands', () => {
    expect(split('We open at 10:30 tomorrow and the fee is $1,200.50 in total. Okay?', 2)).toEqual([
      'We open at 10:30 tomorrow and the fee is $1,200.50 in total.',
      'Okay?',
    ]);
  });

  it('keeps abbreviations and initials inside the clause', () => {
    expect(split('Dr. Patel sees you at 9 a.m. on Jan. 5 with Mr. J. Smith. See you then.', 4)).toEqual([
      'Dr. Patel sees you at 9 a.m. on Jan. 5 with Mr. J. Smith.',
      'See you then.',
    ]);
  });

  it('splits on commas and semicolons only once the clause has enough words', () => {
    expect(split('Sure, I can help with that, and I will check the schedule; one moment please.', 5)).toEqual([
      'Sure, I can help with that,',
      'and I will check the schedule;',
      'one moment please.',
    ]);
  });

  it('does not split a date or a list of numbers at its commas', () => {
    expect(split('Your cleaning is booked for Tuesday March 3, 2026 at 9, 10 or 11.', 3, 2)).toEqual([
      'Your cleaning is booked for Tuesday March 3, 2026 at 9, 10 or 11.',
    ]);
  });

  it('honours a custom soft-break threshold', () => {
    expect(split('Okay, great, thanks.', 1, 1)).toEqual(['Okay,', 'great,', 'thanks.']);
  });

  it('keeps closing quotes and repeated punctuation with the sentence', () => {
    expect(split('She said "bring your card." Really?! Yes.', 5)).toEqual(['She said "bring your card."', 'Really?!', 'Yes.']);
  });

  it('splits on line breaks and drops clauses without words', () => {
    expect(split('First line\n\n... \nSecond line', 4)).toEqual(['First line', '... \nSecond line']);
  });

  it('returns the unfinished rest on flush, once', () => {
    const splitter = new ClauseSplitter();
    expect(splitter.push('Let me check')).toEqual([]);
    expect(splitter.flush()).toEqual(['Let me check']);
    expect(splitter.flush()).toEqual([]);
  });

  it('yields the same clauses however the text is chunked', () => {
    const text = 'Thanks for calling. We have openings on Monday, Tuesday and Friday at 10:30 a.m. Which works best for you?';
    const whole = split(text, text.length);
    for (const size of [1, 2, 5, 13]) expect(split(text, size)).toEqual(whole);
    expect(whole).toEqual([
      'Thanks for calling.',
      'We have openings on Monday,',
      // "a.m." could end a sentence or not; keeping it whole costs a little latency, never a wrong pause.
      'Tuesday and Friday at 10:30 a.m. Which works best for you?',
    ]);
  });
});
