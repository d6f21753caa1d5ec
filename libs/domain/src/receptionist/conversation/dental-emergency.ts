/**
 * Deterministic screen for dental emergencies in what a caller said. Routing an emergency is the
 * practice's policy, not the model's judgement: this runs before the model and is not prompt-steerable.
 * It recognises the signs practices route to their on-call dentist; it does not triage.
 */

export type DentalEmergencyKind =
  | 'severe_pain'
  | 'facial_swelling'
  | 'airway'
  | 'uncontrolled_bleeding'
  | 'dental_trauma'
  | 'jaw_injury'
  | 'declared_emergency';

interface EmergencySign {
  kind: DentalEmergencyKind;
  /** The symptom itself, affirmed (not negated) in its clause. */
  symptom: RegExp;
  /** Each must also be affirmed: in the symptom's clause, or anywhere in the utterance. */
  context: readonly RegExp[];
  contextScope: 'clause' | 'utterance';
}

/** A whole-word, global pattern matching any of the phrases (each may hold regex syntax). */
function anyOf(...phrases: string[]): RegExp {
  return new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'g');
}

const TEETH = anyOf('tooth', 'teeth', 'molars?', 'incisors?');
const TRAUMA = anyOf(
  'accident', 'fell(?! out\\b)', 'fall', 'fallen', 'tripped', 'slipped', 'crash(?:ed)?', 'collision',
  'hit', 'punched', 'kicked', 'elbowed', 'struck', 'fight', 'trauma', 'injur(?:y|ed)',
  'playing', 'sports?', 'bike', 'skateboard', 'hockey', 'football', 'soccer', 'basketball', 'baseball',
);
const CANNOT = "(?:can't|cannot|can not)";

const SIGNS: readonly EmergencySign[] = [
  {
    kind: 'severe_pain',
    symptom: anyOf('pain', 'painful', 'aches?', 'aching', 'toothache', 'hurts?', 'hurting', 'agony', 'sore'),
    context: [
      anyOf(
        'severe', 'severely', 'unbearable', 'excruciating', 'terrible', 'terribly', 'awful', 'extreme', 'extremely',
        'intense', 'agony', 'agonizing', 'worst', 'horrible', 'horribly',
        'really bad', 'so bad', 'very bad', 'really badly', 'so badly',
        `${CANNOT} (?:take|stand|bear|sleep)`, '(?:10|ten|9|nine) out of (?:10|ten)',
      ),
    ],
    contextScope: 'utterance',
  },
  {
    kind: 'severe_pain',
    symptom: anyOf('killing me'),
    context: [anyOf('tooth', 'teeth', 'toothache', 'molars?', 'jaw', 'gums?', 'mouth')],
    contextScope: 'utterance',
  },
  {
    kind: 'facial_swelling',
    symptom: anyOf('swollen', 'swelling', 'swelled', 'swell', 'puffy', 'puffed up'),
    context: [anyOf('face', 'facial', 'cheeks?', 'jaw', 'neck', 'eyes?', 'lips?', 'chin', 'under my tongue')],
    contextScope: 'utterance',
  },
  {
    kind: 'airway',
    symptom: anyOf('breathe', 'breathing', 'swallow', 'swallowing', 'short of breath'),
    // Same clause only: "it's hard to say, I'm breathing fine" is not an airway problem.
    context: [
      anyOf(
        CANNOT, 'unable', 'hard', 'trouble', 'difficult', 'difficulty', 'struggling', 'struggle', 'problems?',
        'hurts to', 'short of',
      ),
    ],
    contextScope: 'clause',
  },
  {
    kind: 'uncontrolled_bleeding',
    symptom: anyOf('bleeding', 'bleeds?', 'blood'),
    context: [
      anyOf(
        "(?:won't|wont|will not|doesn't|does not|can't|cannot|isn't|is not|hasn't|has not|not) stop(?:ping|ped)?",
        'keeps? (?:on )?bleeding',
        'bleeding (?:a lot|heavily|badly|non ?stop|everywhere|profusely)',
        '(?:heavy|heavily|lots of|so much|a lot of) (?:bleeding|blood)',
        "won't clot",
      ),
    ],
    contextScope: 'utterance',
  },
  {
    kind: 'dental_trauma',
    symptom: anyOf("knocked (?:[a-z']+ ){0,3}?(?:out|loose)"),
    context: [TEETH],
    contextScope: 'utterance',
  },
  {
    kind: 'dental_trauma',
    // Broken teeth are an emergency when trauma broke them, not a popcorn kernel.
    symptom: anyOf('broke', 'broken', 'break', 'cracked', 'chipped', 'snapped', 'fractured', 'fell out', 'came out'),
    context: [TEETH, TRAUMA],
    contextScope: 'utterance',
  },
  {
    kind: 'jaw_injury',
    symptom: anyOf('jaw'),
    context: [
      anyOf(
        'broke', 'broken', 'fractured', 'dislocated', 'injur(?:y|ed)', 'hurt', 'hit', 'punched', 'kicked', 'accident',
        'fell(?! out\\b)', 'locked', 'stuck', 'out of place', `(?:${CANNOT}|won't) (?:open|close|move)`,
      ),
    ],
    contextScope: 'utterance',
  },
  {
    kind: 'declared_emergency',
    // "This is an emergency", but not "do you have emergency appointments?".
    symptom: anyOf(
      "(?:it's|it is|this is|i have|i've got|i got|i'm having|we're having|there's) " +
        '(?:a |an )?(?:real |dental |medical |urgent )?' +
        'emergency(?! (?:appointments?|slots?|visits?|exams?|policy|fees?|numbers?|lines?|hours))',
    ),
    context: [],
    contextScope: 'utterance',
  },
];

/** Words that negate a sign when they come shortly before it: "no swelling", "I'm not in severe pain". */
const NEGATIONS = new Set([
  'no', 'not', 'never', 'without', 'none', 'nor', 'neither',
  "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt', "isn't", 'isnt', "aren't", 'arent',
  "wasn't", 'wasnt', "weren't", "haven't", 'havent', "hasn't", 'hasnt', "hadn't", "ain't",
]);
/** "doesn't stop bleeding" negates the stopping, not the bleeding. */
const NEGATED_VERBS_THAT_AFFIRM = new Set(['stop', 'stopped', 'quit']);
const NEGATION_WINDOW_WORDS = 5;

/** The first dental emergency sign affirmed in the caller's words, or null. */
export function detectDentalEmergency(text: string): DentalEmergencyKind | null {
  const clauses = splitClauses(normalize(text));
  for (const sign of SIGNS) {
    for (const clause of clauses) {
      if (!isAffirmedIn(clause, sign.symptom)) continue;
      const scope = sign.contextScope === 'clause' ? [clause] : clauses;
      if (sign.context.every((context) => scope.some((candidate) => isAffirmedIn(candidate, context)))) {
        return sign.kind;
      }
    }
  }
  return null;
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/(\w)-(\w)/g, '$1 $2')
    .replace(/\s+/g, ' ');
}

/** Clauses bound negation: in "it's not the pain, it's the swelling" only the first part is negated. */
function splitClauses(text: string): string[] {
  return text
    .split(/[.!?;,:]+|\b(?:but|however|although|though|except)\b/)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
}

function isAffirmedIn(clause: string, pattern: RegExp): boolean {
  for (const match of clause.matchAll(pattern)) {
    if (!isNegated(clause.slice(0, match.index))) return true;
  }
  return false;
}

function isNegated(textBefore: string): boolean {
  const words = textBefore.match(/[a-z']+/g) ?? [];
  const window = words.slice(-NEGATION_WINDOW_WORDS);
  return window.some(
    (word, index) => NEGATIONS.has(word) && !NEGATED_VERBS_THAT_AFFIRM.has(window[index + 1] ?? ''),
  );
}
