import { describe, expect, it } from 'vitest';
import { detectYesNo } from '../../src';

describe('yes and no', () => {
  it.each(['yes', 'Yeah, that works', 'yep', 'sure', 'Correct.', "that's right", 'sounds good', 'perfect', 'go ahead', 'please do', 'ok', 'Um, yes please', 'book it', "let's do it"])(
    '"%s" is a yes',
    (said) => expect(detectYesNo(said)).toBe('yes'),
  );

  it.each(['no', 'No thanks', 'nope', "that's not right", "I don't think so", "that doesn't work", 'none of those', 'wrong', 'yes, but that is not right'])(
    '"%s" is a no',
    (said) => expect(detectYesNo(said)).toBe('no'),
  );

  it.each(['Tuesday at ten', 'what are your hours', 'Jane Doe'])('"%s" is neither', (said) => {
    expect(detectYesNo(said)).toBeUndefined();
  });
});
