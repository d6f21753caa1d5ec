import type { ToolErrorCode } from '@crowndesk/domain';
import {
  Say,
  askLastName,
  booked,
  bookingRequested,
  cancelled,
  farewell,
  foundOne,
  noSlots,
  offerSlots,
  rescheduled,
  thanksName,
  unsupportedType,
} from '../phrasing';
import type { Decision } from './decision';
import type { DialogueEnvironment } from './environment';
import { nextStep } from './next-step';
import { targetAppointment, type CallerReaction, type DialogueState, type ToolOutcome, type TransferReason } from './state';
import { askAgain } from './ask-again';

/** After this many identity mismatches in a row the caller is offered a person instead. */
const MAX_IDENTITY_MISMATCHES = 2;

/** What the staff member is told about why the call reaches them (never anything the caller said). */
const TRANSFER_REASONS: Record<TransferReason | 'requested', string> = {
  requested: 'The caller asked for a person.',
  misunderstanding: 'The receptionist could not understand the caller.',
  emergency: 'The caller described an urgent problem.',
  backend: 'The scheduling system was not responding.',
  identity: 'The caller could not be verified by name and date of birth.',
  no_openings: 'No openings were found for the caller.',
  unsupported: 'The receptionist could not complete the request.',
};

/** What the receptionist does in response to the latest caller line or tool results. */
export function decide(state: DialogueState, env: DialogueEnvironment): Decision {
  switch (state.trigger.kind) {
    case 'start':
      return nextStep(state, env);
    case 'caller':
      return reactToCaller(state, state.trigger.reaction, env);
    case 'tools':
      return reactToTools(state, state.trigger.outcome, env);
  }
}

function offerTransfer(lead: string[], reason: TransferReason, question: string = Say.offerFrontDesk): Decision {
  return { say: [...lead, question], pending: { question: 'transfer_offer', transferReason: reason } };
}

function reactToCaller(state: DialogueState, reaction: CallerReaction, env: DialogueEnvironment): Decision {
  switch (reaction.type) {
    case 'transfer':
      return {
        say: [Say.transferring],
        tool: {
          name: 'transfer_to_staff',
          args: { department: reaction.department ?? 'front_desk', reason: TRANSFER_REASONS[reaction.reason ?? 'requested'] },
        },
        pending: state.pending,
      };
    case 'goodbye':
      return { say: [farewell(env.practiceName)], tool: { name: 'end_call', args: {} }, pending: state.pending };
    case 'emergency':
      return offerTransfer([], 'emergency', Say.emergencyOffer);
    case 'not_understood': {
      if (state.misunderstandings >= 2) return offerTransfer([Say.troubleUnderstanding], 'misunderstanding');
      const again = askAgain(state, env);
      return { ...again, say: [Say.notCaught, ...again.say] };
    }
    case 'greeted': {
      const again = askAgain(state, env);
      const hello = state.pending.question === 'how_can_i_help' ? Say.hello : Say.stillHere;
      return { ...again, say: [hello, ...again.say] };
    }
    case 'repeat': {
      const again = askAgain(state, env);
      return { ...again, say: [Say.ofCourse, ...again.say] };
    }
    case 'info':
      return {
        say: [],
        tool: { name: 'get_practice_info', args: reaction.topic === 'general' ? {} : { topic: reaction.topic } },
        pending: state.pending,
      };
    case 'what_to_change':
      return { say: [Say.noProblem, Say.askWhatToChange], pending: { question: 'what_to_change' } };
    case 'abandoned':
      return { say: [Say.noProblem, Say.anythingElse], pending: { question: 'anything_else' } };
    case 'kept_appointment':
      return { say: [Say.keptAppointment, Say.anythingElse], pending: { question: 'anything_else' } };
    case 'need_last_name':
      return { say: [askLastName(reaction.firstName)], pending: { question: 'full_name' } };
    case 'continue':
      // A bare "yes" to "anything else?" (or "how can I help?"): ask what they need. A name given up front is thanked.
      if (!state.task && !reaction.declined && !reaction.learnedName && !reaction.learnedBirthDate) {
        return { say: [Say.whatCanIDo], pending: { question: 'how_can_i_help' } };
      }
      return nextStep(state, env, continueLead(state, reaction));
  }
}

function continueLead(state: DialogueState, reaction: Extract<CallerReaction, { type: 'continue' }>): string[] {
  if (reaction.declined) return [state.task ? Say.noProblem : Say.allRight];
  const lead: string[] = [];
  if (reaction.startedTask) lead.push(Say.willingly);
  if (reaction.learnedName) lead.push(thanksName(reaction.learnedName));
  else if (reaction.learnedBirthDate) lead.push(Say.thanks);
  return lead;
}

function reactToTools(state: DialogueState, outcome: ToolOutcome, env: DialogueEnvironment): Decision {
  const types = env.appointmentTypes;
  switch (outcome.type) {
    case 'slots':
      return { say: offerSlots(outcome.slots, outcome.when, env.clock), pending: { question: 'slot_choice' } };
    case 'no_slots':
      if (!outcome.when || outcome.when.firstAvailable) return offerTransfer([Say.noOpeningsSoon], 'no_openings');
      return { say: [noSlots(outcome.when, env.clock)], pending: { question: 'when' } };
    case 'booked':
      return {
        say: [
          outcome.pendingConfirmation ? bookingRequested(outcome.appointment, types) : booked(outcome.appointment, types),
          ...(outcome.newPatient ? [Say.newPatientWelcome] : []),
          Say.anythingElse,
        ],
        pending: { question: 'anything_else' },
      };
    case 'appointments': {
      if (outcome.active.length === 0) {
        return { say: [Say.noUpcoming, Say.anythingElse], pending: { question: 'anything_else' }, endTask: true };
      }
      // A change names the appointment it is about once found; a look-up says them all in its next step.
      const changing = state.task && state.task.kind !== 'lookup' ? targetAppointment(state, types) : undefined;
      return nextStep(state, env, changing ? [foundOne(changing, types)] : []);
    }
    case 'rescheduled':
      return { say: [rescheduled(outcome.appointment, types), Say.anythingElse], pending: { question: 'anything_else' } };
    case 'cancelled':
      return {
        say: [cancelled(outcome.appointment, types), Say.rebookHint, Say.anythingElse],
        pending: { question: 'anything_else' },
      };
    case 'info':
      return answerThenContinue(state, env, outcome.answer);
    case 'handed_off':
      return { say: [], pending: state.pending };
    case 'stale':
      return nextStep(state, env);
    case 'failed':
      return reactToFailure(state, outcome, env);
  }
}

/** An answer to a side question, then back to the task (or on to whatever else the caller needs). */
function answerThenContinue(state: DialogueState, env: DialogueEnvironment, answer: string): Decision {
  if (state.task) return nextStep(state, env, [answer]);
  return { say: [answer, Say.anythingElse], pending: { question: 'anything_else' } };
}

function reactToFailure(
  state: DialogueState,
  outcome: Extract<ToolOutcome, { type: 'failed' }>,
  env: DialogueEnvironment,
): Decision {
  const { tool } = outcome;
  if (tool === 'transfer_to_staff') {
    return { say: [Say.cannotTransfer, Say.anythingElse], pending: { question: 'anything_else' } };
  }
  if (tool === 'end_call') return { say: [farewell(env.practiceName)], pending: state.pending };
  if (tool === 'get_practice_info' && outcome.error !== 'backend_unavailable') {
    return answerThenContinue(state, env, Say.noInfo);
  }
  const error: ToolErrorCode | 'unreadable_result' = outcome.error;
  switch (error) {
    case 'slot_unavailable':
      if (outcome.alternatives.length > 0) {
        const offer = offerSlots(outcome.alternatives, undefined, env.clock);
        return { say: [Say.slotTaken, ...offer], pending: { question: 'slot_choice' } };
      }
      return nextStep(state, env, [Say.slotTaken]);
    case 'identity_mismatch':
      if (state.identityMismatches >= MAX_IDENTITY_MISMATCHES) return offerTransfer([Say.stillNoMatch], 'identity');
      return {
        say: [tool === 'book_appointment' ? Say.recordMismatch : Say.identityMismatch],
        pending: { question: 'full_name' },
      };
    case 'not_verified':
      return nextStep(state, env, [Say.needVerification]);
    case 'unknown_appointment':
      return nextStep(state, env, [Say.appointmentNotFound]);
    case 'unknown_appointment_type':
      return { say: [unsupportedType(env.appointmentTypes)], pending: { question: 'appointment_type' } };
    case 'outside_booking_window':
      if (outcome.alternatives.length > 0) {
        const offer = offerSlots(outcome.alternatives, undefined, env.clock);
        return { say: [Say.outsideWindow, ...offer], pending: { question: 'slot_choice' } };
      }
      return nextStep(state, env, [Say.outsideWindow]);
    case 'invalid_arguments':
      return nextStep(state, env, [Say.detailsNotRight]);
    case 'backend_unavailable':
      return offerTransfer([Say.systemDown], 'backend');
    case 'unknown_tool':
    case 'unreadable_result':
      return offerTransfer([Say.somethingWrong], 'unsupported');
  }
}
