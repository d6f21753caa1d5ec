import { plainText } from './normalize';
import { phrases, startsWith } from './patterns';

export type YesNo = 'yes' | 'no';

const NO_START = startsWith('no', 'nope', 'nah', 'negative', 'not really', 'not quite', 'wrong', 'incorrect');
const YES_START = startsWith(
  'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'sure', 'correct', 'right', 'absolutely', 'definitely', 'certainly',
  'ok', 'okay', 'alright', 'all right', 'perfect', 'great', 'exactly', 'of course', 'uh huh', 'mhm', 'mm hmm',
  'please', 'affirmative', 'fine', 'good', 'sounds good', 'that works', 'go ahead', 'please do',
);
const NO_ANYWHERE = phrases(
  "that's not", 'that is not', 'not right', 'not correct', "isn't right", 'is not right', "doesn't work",
  'does not work', "won't work", 'will not work', "don't want", 'do not want', "i don't think so", 'not that one',
  'none of (?:those|them|these)', 'neither', "that's wrong", 'that is wrong', "don't book", 'do not book',
  "don't do that", "can't make (?:it|that|any)",
);
const YES_ANYWHERE = phrases(
  'that works', 'sounds good', 'sounds great', 'sounds perfect', "that's right", 'that is right', "that's correct",
  'that is correct', "that's fine", 'that is fine', "that's good", 'works for me', 'works great', 'book it',
  'go ahead', 'please do', "let's do it", "let's do that", 'do it', "i'll take it", 'i will take it', 'take it',
  'that one', 'perfect',
);
const HESITATION = /^(?:um+|uh+|oh|well|hmm+)[,.!]?\s+/;

/** Whether the caller agreed or declined, if their words say either. */
export function detectYesNo(text: string): YesNo | undefined {
  const plain = plainText(text).replace(HESITATION, '');
  if (NO_START.test(plain)) return 'no';
  if (YES_START.test(plain)) return NO_ANYWHERE.test(plain) ? 'no' : 'yes';
  if (NO_ANYWHERE.test(plain)) return 'no';
  if (YES_ANYWHERE.test(plain)) return 'yes';
  return undefined;
}
