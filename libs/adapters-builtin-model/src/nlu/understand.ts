import { detectAppointmentType, type KnownAppointmentType } from './appointment-type';
import { chooseOffered, type Choosable } from './choice';
import { parseDateOfBirth } from './date-of-birth';
import { parseName } from './full-name';
import { detectInfoTopic, type InfoTopic } from './info-topic';
import { detectIntents, type Intent } from './intent';
import { plainText } from './normalize';
import type { PracticeClock } from './practice-clock';
import { parseWhen, type WhenPreference } from './when';
import { detectYesNo, type YesNo } from './yes-no';

/** What the receptionist asked last: it decides how a short answer ("ten", "Jane Doe", "yes") is read. */
export type Asked = 'name' | 'date_of_birth' | 'when' | 'choice' | 'yes_no' | 'anything';

export interface Expectation {
  asked: Asked;
  /** The slots or appointments the caller may be choosing among. */
  offered: readonly Choosable[];
}

export interface UnderstandingContext {
  clock: PracticeClock;
  appointmentTypes: readonly KnownAppointmentType[];
}

/** Everything one caller line says that the dialogue can use. */
export interface Understanding {
  /** The line in plain lower case, for the dialogue's own word checks. */
  text: string;
  intents: Set<Intent>;
  yesNo?: YesNo;
  appointmentType?: string;
  when?: WhenPreference;
  fullName?: string;
  firstName?: string;
  dateOfBirth?: string;
  /** Index into `Expectation.offered`. */
  choice?: number;
  infoTopic?: InfoTopic;
  /** A staff department the caller named ("billing"). */
  department?: string;
}

const BIRTH_CUE = /\b(?:born|birth|birthday|dob|d\.o\.b)\b/;
const DEPARTMENTS: readonly (readonly [string, RegExp])[] = [
  ['billing', /\b(?:billing|bill|invoice|statement|balance)\b/],
  ['office_manager', /\boffice manager\b/],
];

/** Reads one caller line in the light of what was just asked. */
export function understand(text: string, expectation: Expectation, context: UnderstandingContext): Understanding {
  const plain = plainText(text);
  const { asked } = expectation;
  const understanding: Understanding = { text: plain, intents: detectIntents(text) };

  const yesNo = detectYesNo(text);
  if (yesNo) understanding.yesNo = yesNo;

  const type = detectAppointmentType(text, context.appointmentTypes);
  if (type) understanding.appointmentType = type;

  const name = parseName(text, { expected: asked === 'name' });
  if (name.fullName) understanding.fullName = name.fullName;
  else if (name.firstName) understanding.firstName = name.firstName;

  if (asked === 'name' || asked === 'date_of_birth' || BIRTH_CUE.test(plain)) {
    const dateOfBirth = parseDateOfBirth(text, context.clock);
    if (dateOfBirth) understanding.dateOfBirth = dateOfBirth;
  }

  if (asked !== 'name' && asked !== 'date_of_birth' && !understanding.dateOfBirth) {
    const when = parseWhen(text, context.clock, { bareTime: asked === 'when' || asked === 'choice' });
    if (when) understanding.when = when;
  }

  if (asked === 'choice') {
    const choice = chooseOffered(text, expectation.offered, context.clock);
    if (choice !== undefined) understanding.choice = choice;
  }

  const infoTopic = detectInfoTopic(text);
  if (infoTopic) {
    understanding.infoTopic = infoTopic;
    // "Is there free parking?" is a question about the practice, not about openings.
    if (!understanding.intents.has('book')) understanding.intents.delete('availability');
  }

  for (const [department, pattern] of DEPARTMENTS) {
    if (pattern.test(plain)) {
      understanding.department = department;
      break;
    }
  }
  return understanding;
}
