import type { OfferedSlot, ShownAppointment } from '@crowndesk/domain';
import type { KnownAppointmentType, PracticeClock, WhenPreference } from '../nlu';
import {
  countWord,
  describeAppointment,
  joinAlternatives,
  ordinalWord,
  spokenBirthDate,
  spokenDate,
  spokenTime,
  typeName,
  withArticle,
} from './spoken';

/**
 * Everything the built-in receptionist says. Short, warm sentences for the phone: no lists, no markup,
 * one question at a time.
 */
export const Say = {
  howCanIHelp: 'How can I help you today?',
  anythingElse: 'Is there anything else I can help you with?',
  whatCanIDo: 'Sure, what can I help you with?',
  willingly: 'Sure, I can help with that.',
  noProblem: 'No problem.',
  ofCourse: 'Of course.',
  hello: 'Hi there!',
  stillHere: "Yes, I'm here.",
  allRight: 'All right.',
  thanks: 'Thank you.',
  notCaught: "Sorry, I didn't quite catch that. Could you say it another way?",
  troubleUnderstanding: "I'm sorry, I'm having trouble understanding.",
  offerFrontDesk: 'Would you like me to transfer you to the front desk?',
  transferring: 'Of course, let me transfer you.',
  checking: 'Let me check what we have.',
  booking: 'One moment while I book that.',
  lookingUp: 'Let me look that up.',
  lookingUpAgain: 'Let me look up your appointments again.',
  changing: 'One moment while I make that change.',
  cancelling: 'One moment while I cancel that.',
  stillThere: 'Are you still there?',
  askWhen: 'What day and time would work best for you? I can also look for the first available opening.',
  askNewWhen: 'What day and time would you like instead?',
  askFullName: 'May I have your first and last name, please?',
  askFullNameToFind: 'To find your appointment, may I have your first and last name, please?',
  askDateOfBirth: 'And what is your date of birth?',
  askWhatToChange: 'What would you like to change: the day and time, the name, or the date of birth?',
  emergencyOffer:
    'That sounds urgent. I can connect you with our team right away. Would you like me to transfer you?',
  keptAppointment: "All right, I'll leave your appointment as it is.",
  slotTaken: "I'm sorry, that time was just taken.",
  identityMismatch:
    "I couldn't find an appointment under those details. Could you repeat your full name and date of birth?",
  recordMismatch:
    "I couldn't match those details to our records. Could you repeat your full name and date of birth?",
  stillNoMatch: "I'm sorry, I still can't find a match.",
  needVerification: 'Before I can change an appointment, I need to confirm who you are.',
  appointmentNotFound: "I'm sorry, I couldn't find that appointment.",
  outsideWindow: "I'm sorry, I can't book that date.",
  detailsNotRight: "I'm sorry, some of those details didn't come through right.",
  systemDown: "I'm sorry, our scheduling system isn't responding right now.",
  somethingWrong: "I'm sorry, something went wrong on my end.",
  noInfo: "I'm sorry, I don't have that information handy.",
  cannotTransfer: "I'm sorry, I can't transfer the call right now. Please try calling back in a few minutes.",
  cannotDoThat: "I'm sorry, I can't do that over the phone right now.",
  noOpeningsSoon: "I'm sorry, I don't see any openings coming up.",
  noUpcoming: "I don't see any upcoming appointments under that name and date of birth.",
  rebookHint: 'If you would like to book a new time, just let me know.',
  newPatientWelcome: "We've set you up as a new patient, and we look forward to meeting you.",
} as const;

export function thanksName(firstName: string): string {
  return `Thank you, ${firstName}.`;
}

export function askLastName(firstName: string): string {
  return `Thanks, ${firstName}. And your last name?`;
}

export function farewell(practiceName: string): string {
  return `Thank you for calling ${practiceName}. Have a great day!`;
}

export function disconnectedFarewell(practiceName: string): string {
  return `It seems we've lost each other. Please call ${practiceName} back anytime. Goodbye!`;
}

export function askAppointmentType(types: readonly KnownAppointmentType[]): string {
  const offered = types.slice(0, 4).map((type) => withArticle(type.name.toLowerCase()));
  if (offered.length === 0) return 'What kind of visit would you like to book?';
  return `What kind of visit would you like to book? We can schedule ${joinAlternatives(offered)}.`;
}

export function unsupportedType(types: readonly KnownAppointmentType[]): string {
  return `I'm sorry, I can't book that kind of visit by phone. ${askAppointmentType(types)}`;
}

/** "Good news: ... is open." / "I have three openings. The first is ..." */
export function offerSlots(slots: readonly OfferedSlot[], when: WhenPreference | undefined, clock: PracticeClock): string[] {
  const first = slots[0];
  if (!first) return [];
  const lines: string[] = [];
  const missedDate = when?.date && !when.span && !slots.some((slot) => slot.start.startsWith(when.date ?? ''));
  if (missedDate && when?.date) lines.push(`I don't have anything open on ${spokenDate(when.date, clock)}.`);
  const exact = when?.date && when.time && first.start === `${when.date}T${when.time}`;
  if (exact) {
    lines.push(`Good news: ${first.spoken} is open. Would you like that one?`);
    return lines;
  }
  if (slots.length === 1) {
    lines.push(`The closest opening I have is ${first.spoken}. Would that work for you?`);
    return lines;
  }
  lines.push(`I have ${countWord(slots.length)} openings.`);
  slots.forEach((slot, index) => {
    const lead = index === slots.length - 1 ? `And the ${ordinalWord(index)}` : `The ${ordinalWord(index)}`;
    lines.push(`${lead} is ${slot.spoken}.`);
  });
  lines.push(slots.length === 2 ? 'Which one works better for you?' : 'Which one works best for you?');
  return lines;
}

export function askSlotChoice(slots: readonly OfferedSlot[]): string {
  const choices = slots.map((slot) => slot.spoken);
  return `Which would you like: ${joinAlternatives(choices)}?`;
}

export function noSlots(when: WhenPreference | undefined, clock: PracticeClock): string {
  if (when?.date) {
    const at = when.time ? ` around ${spokenTime(when.time)}` : '';
    return `I'm sorry, I don't have any openings on ${spokenDate(when.date, clock)}${at}. What other day would work for you?`;
  }
  return "I'm sorry, I don't have any openings then. What other day would work for you?";
}

export function confirmBooking(
  type: string,
  slot: OfferedSlot,
  fullName: string,
  dateOfBirth: string,
  types: readonly KnownAppointmentType[],
  clock: PracticeClock,
): string {
  return (
    `Just to confirm: ${withArticle(typeName(type, types))} on ${slot.spoken}, for ${fullName}, ` +
    `born ${spokenBirthDate(dateOfBirth, clock)}. Shall I book it?`
  );
}

export function confirmReschedule(
  appointment: ShownAppointment,
  slot: OfferedSlot,
  types: readonly KnownAppointmentType[],
): string {
  const current = describeAppointment(appointment, types);
  return `Just to confirm: I'll move your ${current} to ${slot.spoken}. Shall I go ahead?`;
}

export function confirmCancel(appointment: ShownAppointment, types: readonly KnownAppointmentType[]): string {
  return `Just to confirm: I'll cancel your ${describeAppointment(appointment, types)}. Shall I go ahead?`;
}

export function booked(appointment: ShownAppointment, types: readonly KnownAppointmentType[]): string {
  return `You're all set. I've booked ${withArticle(describeAppointment(appointment, types))}.`;
}

/** The backend could not take the booking in time: it is queued, and staff confirm it by phone. */
export function bookingRequested(appointment: ShownAppointment, types: readonly KnownAppointmentType[]): string {
  return `I've noted your request for ${withArticle(describeAppointment(appointment, types))}. Our office will call you to confirm it.`;
}

export function rescheduled(appointment: ShownAppointment, types: readonly KnownAppointmentType[]): string {
  return `Done. You're now booked for ${withArticle(describeAppointment(appointment, types))}.`;
}

export function cancelled(appointment: ShownAppointment, types: readonly KnownAppointmentType[]): string {
  return `Your ${describeAppointment(appointment, types)} has been cancelled.`;
}

export function foundOne(appointment: ShownAppointment, types: readonly KnownAppointmentType[]): string {
  return `I found your ${describeAppointment(appointment, types)}.`;
}

export function askWhichAppointment(
  appointments: readonly ShownAppointment[],
  purpose: 'reschedule' | 'cancel',
  types: readonly KnownAppointmentType[],
): string[] {
  const lines = [`I see ${countWord(appointments.length)} upcoming appointments.`];
  appointments.forEach((appointment, index) => {
    lines.push(`The ${ordinalWord(index)} is ${withArticle(describeAppointment(appointment, types))}.`);
  });
  lines.push(`Which one would you like to ${purpose}?`);
  return lines;
}

/** Most appointments said one by one; a longer treatment plan is summed up after them. */
const MAX_TOLD = 3;

/** "You have a cleaning on ...", or each upcoming appointment in turn, soonest first. */
export function yourAppointments(appointments: readonly ShownAppointment[], types: readonly KnownAppointmentType[]): string[] {
  const [only] = appointments;
  if (appointments.length === 1 && only) return [`You have ${withArticle(describeAppointment(only, types))}.`];
  const lines = [`You have ${countWord(appointments.length)} upcoming appointments.`];
  appointments.slice(0, MAX_TOLD).forEach((appointment, index) => {
    lines.push(`The ${ordinalWord(index)} is ${withArticle(describeAppointment(appointment, types))}.`);
  });
  const rest = appointments.length - MAX_TOLD;
  if (rest > 0) lines.push(rest === 1 ? 'There is one more after that.' : `There are ${countWord(rest)} more after that.`);
  return lines;
}
