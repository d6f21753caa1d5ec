import { understand, type Expectation, type Understanding } from '../nlu';
import { typeName } from '../phrasing';
import type { DialogueEnvironment } from './environment';
import { answerPending } from './pending-answer';
import { activeAppointments, newTask, type CallerReaction, type DialogueState, type TaskKind } from './state';
import { fillIdentity, fillTask } from './task-filling';

const EMERGENCY_TYPE = 'emergency';

/** "my appointment", "the cleaning": the caller speaks of an appointment they already have. */
const MENTIONS_EXISTING_APPOINTMENT = /\b(?:my|the|our|an?) (?:\w+ )?(?:appointment|appt|visit|cleaning|exam|checkup)\b/;

/**
 * Applies one caller line to the dialogue state: reads it in the light of the pending question, fills
 * in what it settles, and records what it calls for (`trigger`) for the policy to act on.
 */
export function applyCallerLine(previous: DialogueState, text: string, env: DialogueEnvironment): DialogueState {
  const state = structuredClone(previous);
  const heard = understand(text, expectationOf(state, env), env);
  const reaction = react(state, heard, env);
  state.trigger = { kind: 'caller', reaction };
  state.misunderstandings = reaction.type === 'not_understood' ? state.misunderstandings + 1 : 0;
  return state;
}

function expectationOf(state: DialogueState, env: DialogueEnvironment): Expectation {
  switch (state.pending.question) {
    case 'full_name':
      return { asked: 'name', offered: [] };
    case 'date_of_birth':
      return { asked: 'date_of_birth', offered: [] };
    case 'when':
      return { asked: 'when', offered: [] };
    case 'slot_choice':
      return {
        asked: 'choice',
        offered: (state.task?.offered ?? []).map((slot) => ({ start: slot.start, labels: [slot.provider] })),
      };
    case 'which_appointment':
      return {
        asked: 'choice',
        offered: activeAppointments(state.appointments).map((appointment) => ({
          start: appointment.start,
          labels: [appointment.type.replace(/_/g, ' '), typeName(appointment.type, env.appointmentTypes)],
        })),
      };
    case 'transfer_offer':
      // After "I can't find a match, shall I transfer you?" callers often just try their details again.
      return { asked: state.pending.transferReason === 'identity' ? 'name' : 'yes_no', offered: [] };
    case 'confirm':
      return { asked: 'yes_no', offered: [] };
    default:
      return { asked: 'anything', offered: [] };
  }
}

function react(state: DialogueState, heard: Understanding, env: DialogueEnvironment): CallerReaction {
  const { intents } = heard;
  // "Yes, and is there parking?": the question comes first; the pending one is asked again after it.
  if (heard.infoTopic) delete heard.yesNo;
  const question = state.pending.question;
  if (intents.has('transfer')) {
    return heard.department ? { type: 'transfer', department: heard.department } : { type: 'transfer' };
  }
  // "Yes, thanks, bye" at the read-back still books: the goodbye can follow the confirmation.
  if (intents.has('goodbye') && !(question === 'confirm' && heard.yesNo === 'yes')) return { type: 'goodbye' };
  if (intents.has('emergency') && question !== 'transfer_offer') return { type: 'emergency' };
  if (intents.has('greeting')) return { type: 'greeted' };
  if (intents.has('repeat')) return { type: 'repeat' };
  if (question === 'transfer_offer') {
    const reason = state.pending.transferReason;
    if (heard.yesNo === 'yes') return reason ? { type: 'transfer', reason } : { type: 'transfer' };
    if (heard.yesNo === 'no') return declineTransfer(state, env);
  }

  const open = question === 'how_can_i_help' || question === 'anything_else';
  const requested = requestedTask(state, heard);
  if (open && !requested && !heard.infoTopic && (intents.has('done') || heard.yesNo === 'no')) return { type: 'goodbye' };
  const dropsBooking = intents.has('cancel') && state.task?.kind === 'book' && !MENTIONS_EXISTING_APPOINTMENT.test(heard.text);
  if (state.task && (intents.has('abandon') || dropsBooking)) {
    delete state.task;
    return { type: 'abandoned' };
  }

  let progress = false;
  if (requested) {
    state.task = newTask(requested);
    progress = true;
  }
  const answer = answerPending(state, heard, env);
  if (answer === 'what_to_change' || answer === 'kept_appointment') return { type: answer };
  if (answer) progress = true;

  let startedTask = requested;
  if (state.task) {
    if (fillTask(state, state.task, heard, env, answer !== undefined)) progress = true;
  } else if (heard.appointmentType || (heard.when && open)) {
    // "I need a cleaning", "do you have anything Tuesday": that is a booking.
    state.task = newTask('book');
    fillTask(state, state.task, heard, env, false);
    startedTask = 'book';
    progress = true;
  }

  const before = { ...state.identity };
  const identity = fillIdentity(state, heard);
  if (identity === 'need_last_name' && heard.firstName) return { type: 'need_last_name', firstName: heard.firstName };
  if (identity === 'filled') progress = true;

  if (heard.infoTopic) return { type: 'info', topic: heard.infoTopic };
  if (open && heard.yesNo === 'yes') progress = true;
  if (!progress) return { type: 'not_understood' };
  const reaction: CallerReaction = { type: 'continue' };
  if (startedTask) reaction.startedTask = startedTask;
  if (answer === 'declined') reaction.declined = true;
  const { fullName, dateOfBirth } = state.identity;
  if (fullName && fullName !== before.fullName) reaction.learnedName = fullName.split(' ')[0] ?? fullName;
  if (dateOfBirth && dateOfBirth !== before.dateOfBirth) reaction.learnedBirthDate = true;
  return reaction;
}

function declineTransfer(state: DialogueState, env: DialogueEnvironment): CallerReaction {
  if (state.pending.transferReason === 'emergency') {
    // Not to staff, then the soonest urgent visit (of the practice's emergency type, if it has one).
    state.task = newTask('book');
    if (env.appointmentTypes.some((type) => type.code === EMERGENCY_TYPE)) state.task.appointmentType = EMERGENCY_TYPE;
    state.task.when = { firstAvailable: true };
  }
  return { type: 'continue', declined: true };
}

/** The task the caller asks for, when it is a new one. */
function requestedTask(state: DialogueState, heard: Understanding): TaskKind | undefined {
  const { intents } = heard;
  const current = state.task?.kind;
  if (intents.has('reschedule')) return current === 'reschedule' ? undefined : 'reschedule';
  if (intents.has('cancel') && (current !== 'book' || MENTIONS_EXISTING_APPOINTMENT.test(heard.text))) {
    return current === 'cancel' ? undefined : 'cancel';
  }
  // "When is my appointment?" mid-task is a side remark; on its own it asks for a look-up.
  if (intents.has('lookup')) return current ? undefined : 'lookup';
  // Booking words while rescheduling ("can I book it for Friday") go on with the reschedule.
  if ((intents.has('book') || intents.has('availability')) && !current) return 'book';
  return undefined;
}
