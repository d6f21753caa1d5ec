import { plainText } from './normalize';
import { phrases } from './patterns';

/** Topics get_practice_info answers; `general` asks for a summary (the topic is omitted). */
export type InfoTopic = 'hours' | 'address' | 'insurance' | 'parking' | 'payment' | 'accessibility' | 'services' | 'general';

const TOPICS: readonly (readonly [Exclude<InfoTopic, 'general'>, RegExp])[] = [
  [
    'hours',
    phrases(
      'hours',
      'are you open',
      'you guys open',
      'what time do you (?:open|close)',
      'when do you (?:open|close)',
      'when are you open',
      // "is the office open Saturday" but not "anything open Saturday" (that asks for openings)
      "(?:you|you're|office|practice|clinic) (?:open|closed?)",
      'closing time',
      'opening time',
    ),
  ],
  [
    'address',
    phrases(
      'address',
      'located',
      'location',
      'where are you',
      'where is (?:the|your) (?:office|practice|clinic)',
      'directions',
      'how do i get (?:there|to you)',
      'find you',
    ),
  ],
  [
    'insurance',
    phrases(
      'insurance',
      'insured',
      'in[- ]network',
      'delta dental',
      'cigna',
      'aetna',
      'metlife',
      'guardian',
      'humana',
      'united ?healthcare',
      'medicaid',
      'medicare',
      'ppo',
      'hmo',
      'dental plan',
      '(?:take|accept) my plan',
    ),
  ],
  ['parking', phrases('park', 'parking', 'garage')],
  [
    'payment',
    phrases('payment plans?', 'financing', 'credit cards?', 'pay by', 'how (?:can|do) i pay', 'how much', 'cost', 'prices?', 'fees?'),
  ],
  ['accessibility', phrases('wheelchair', 'accessible', 'accessibility', 'elevator', 'stairs', 'ramp')],
  [
    'services',
    phrases(
      'do you (?:do|offer|provide|have) (?:\\w+ )?(?:implants?|braces|invisalign|whitening|crowns?|root canals?|veneers|dentures|extractions?|fillings?|sedation|pediatric)',
      'what services',
    ),
  ],
];
const GENERAL = phrases('tell me about (?:the|your) (?:practice|office)', 'about your practice', 'general information');

/** The practice question the caller asked, if any. */
export function detectInfoTopic(text: string): InfoTopic | undefined {
  const plain = plainText(text);
  for (const [topic, pattern] of TOPICS) if (pattern.test(plain)) return topic;
  return GENERAL.test(plain) ? 'general' : undefined;
}
