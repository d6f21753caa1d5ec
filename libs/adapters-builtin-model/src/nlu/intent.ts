import { plainText } from './normalize';
import { anyOf, phrases, startsWith } from './patterns';

/** What the caller wants to do, as far as their words say. */
export type Intent =
  | 'book'
  | 'reschedule'
  | 'cancel'
  /** "When is my appointment?", "I want to confirm my appointment": hear about the ones already booked. */
  | 'lookup'
  | 'availability'
  | 'transfer'
  /** "bye", "have a good day": the call is over whatever was asked. */
  | 'goodbye'
  /** "that's all", "no thanks": the caller needs nothing more, when asked whether they do. */
  | 'done'
  | 'abandon'
  /** Words of an urgent problem that reached us past the domain's emergency screen. */
  | 'emergency'
  /** "Hello?", "hi there": nothing asked yet, or checking we are still on the line. */
  | 'greeting'
  /** "Can you repeat that?" */
  | 'repeat';

const VISIT = '(?:appointment|appt|visit|cleaning|exam|checkup)';

const RESCHEDULE = phrases(
  're-?schedul\\w*',
  `move (?:my|the|our|an?) (?:\\w+ )?${VISIT}`,
  `(?:change|switch|push back|push) (?:my|the|our) (?:\\w+ )?(?:${VISIT}|time|day)`,
  '(?:a )?different (?:day|time) for (?:my|the)',
  'change the (?:date|time|day)',
  '(?:move|push|switch) (?:it|that|this)(?: one| appointment)?(?: back)?',
  '(?:change|make) (?:it|that|this)(?: one| appointment)? to',
);
const CANCEL = anyOf(
  // "cancel that" takes back what was just said; it cancels no appointment ("cancel it" does).
  /\b(?:cancel(?:l?ing|l?ed)?|call off)\b(?! (?:that|this)\b(?! appointment))/,
  phrases("(?:won't|will not|can't|cannot) (?:be able to )?make (?:it to )?(?:my|the) (?:appointment|appt|visit)"),
);
/** The caller's own appointment: "my appointment", "our next cleaning", "my son's checkup". */
const OWN_VISIT = `(?:my|our) (?:next |upcoming )?(?:[\\w']+ )?${VISIT}s?`;
/** Questions about appointments already booked; "your next opening" asks for availability instead. */
const LOOKUP = phrases(
  `(?:when|what (?:time|day|date))(?:'s| is| are| was) ${OWN_VISIT}`,
  `when ${OWN_VISIT} (?:is|are|was)`,
  `is ${OWN_VISIT} (?:still|on|at|tomorrow|today|this|next|confirmed|scheduled|booked)`,
  `confirm(?:ing)? ${OWN_VISIT}`,
  `(?:check|checking|double ?check|look up|looking up|find out about) (?:on )?${OWN_VISIT}`,
  `do (?:i|we) (?:still )?have (?:an?|any) (?:\\w+ )?${VISIT}s?`,
  'do (?:i|we) (?:still )?have (?:anything|something) (?:scheduled|booked|coming up|on the books)',
  '(?:what|which) appointments? do (?:i|we) have',
  '(?:am i|are we) (?:still )?(?:scheduled|booked|on the schedule|on the books)',
  'when am i (?:scheduled|booked|supposed to come in|coming in|due)',
);
const BOOK = phrases(
  'book',
  'schedule',
  'set up',
  'make (?:an?|my|the) (?:\\w+ )?(?:appointment|appt)',
  'come in',
  'get in',
  'be seen',
  'see (?:the|a) (?:dentist|doctor|hygienist)',
  '(?:need|want|like|looking for|get|have|interested in) (?:an?|my|some) (?:\\w+ )?(?:appointment|appt|cleaning|check ?-?up|exam|visit|consultation)',
  "(?:i need|i want|i'd like|i would like) (?:an?|my) (?:teeth|tooth) (?:cleaned|checked|looked at)",
);
const AVAILABILITY = anyOf(
  /\b(?:do you have|is there|are there|have you got|anything|any)\b.*\b(?:openings?|availability|available|free|slots?|spots?|open)\b/,
  phrases(
    "(?:when(?:'s| is| are)|what(?:'s| is)) (?:your|the) (?:next|first|earliest|soonest) (?:available|opening|appointment|slot)",
    'when can i (?:come in|get in|be seen)',
    '(?:do you have|have you got|got) anything',
  ),
);
const TRANSFER = anyOf(
  /\b(?:speak|talk|transfer|connect|put me through)\b.*\b(?:person|human|someone|somebody|receptionist|front desk|staff|representative|operator|agent|manager|billing|team|people|dentist|doctor|hygienist)\b/,
  phrases('(?:real|live|actual) (?:person|human)', 'transfer me'),
  startsWith('operator', 'representative', 'agent', 'human', 'front desk'),
);
const GOODBYE = phrases('bye', 'goodbye', 'good bye', 'bye bye', 'have a (?:good|nice|great) (?:day|one|night|evening|afternoon|weekend)');
const DONE = anyOf(
  phrases(
    "that's all",
    'that is all',
    "that'll be all",
    'that will be all',
    "that's it",
    'that is it',
    'nothing else',
    'no thanks',
    'no thank you',
    "i'm all set",
    'i am all set',
    'all set',
    "i'm good",
    'i am good',
    "i'm fine",
    "that's everything",
    'that is everything',
  ),
  /^(?:no|nope|thanks|thank you|thank you so much|thanks so much)[.!]?$/,
);
const EMERGENCY =
  /\b(?:(?:an?|dental|real) emergency|bleeding|swelling|swollen|knocked out|severe pain|unbearable|excruciating|can't breathe|cannot breathe|trouble breathing|accident)\b(?! (?:appointments?|visits?|slots?|exams?))/;
const ABANDON = phrases('never ?mind', 'forget (?:it|about it)', 'cancel that', "don't worry about it", 'scratch that');
const HOURS_QUESTION = phrases('are you open');
const GREETING_ONLY = /^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|yes hello|hello hello)(?: there)?[\s,.!?]*)+$/;
const REPEAT = phrases(
  'repeat (?:that|it|the (?:times|options|question))',
  'say (?:that|it) again',
  'come again',
  'pardon',
  'what was that',
  'what did you say',
  "i didn't (?:catch|hear) (?:that|you)",
);

/** Every intent the caller's words show. */
export function detectIntents(text: string): Set<Intent> {
  const plain = plainText(text);
  const intents = new Set<Intent>();
  if (TRANSFER.test(plain)) intents.add('transfer');
  if (RESCHEDULE.test(plain)) intents.add('reschedule');
  else if (ABANDON.test(plain)) intents.add('abandon');
  else if (CANCEL.test(plain)) intents.add('cancel');
  // "Do I have an appointment?" also reads as "have an appointment": asking about one is not booking one.
  if (LOOKUP.test(plain)) intents.add('lookup');
  else if (!intents.has('reschedule') && BOOK.test(plain)) intents.add('book');
  if (AVAILABILITY.test(plain) && !HOURS_QUESTION.test(plain)) intents.add('availability');
  if (EMERGENCY.test(plain)) intents.add('emergency');
  if (GOODBYE.test(plain)) intents.add('goodbye');
  if (DONE.test(plain)) intents.add('done');
  if (GREETING_ONLY.test(plain)) intents.add('greeting');
  if (REPEAT.test(plain)) intents.add('repeat');
  return intents;
}
