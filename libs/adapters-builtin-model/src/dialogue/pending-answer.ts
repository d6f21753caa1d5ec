import { fitsWhen, type Understanding } from '../nlu';
import type { DialogueEnvironment } from './environment';
import { activeAppointments, resetSlotSearch, type DialogueState, type Task } from './state';
import { isNewWhen } from './task-filling';

const CHANGE_TIME = /\b(?:time|day|date|when|slot|later|earlier|sooner)\b/;
const CHANGE_NAME = /\bname\b/;
const CHANGE_BIRTH = /\b(?:birth|birthday|born|dob)\b/;
const CHANGE_TYPE = /\b(?:type|kind|reason)\b/;

/** How the line answered the pending question. */
export type Answer = 'answered' | 'declined' | 'what_to_change' | 'kept_appointment' | undefined;

/** Reads the line as the answer to the pending question. */
export function answerPending(state: DialogueState, heard: Understanding, env: DialogueEnvironment): Answer {
  const task = state.task;
  if (!task) return undefined;
  switch (state.pending.question) {
    case 'confirm':
      return answerConfirmation(state, task, heard, env);
    case 'slot_choice':
      return answerSlotChoice(task, heard, env);
    case 'which_appointment': {
      const chosen = heard.choice !== undefined ? activeAppointments(state.appointments)[heard.choice] : undefined;
      if (!chosen) return undefined;
      task.appointment = chosen;
      return 'answered';
    }
    case 'what_to_change':
      return clearWhatCallerWantsChanged(state, task, heard, env) ? 'answered' : undefined;
    default:
      return undefined;
  }
}

function answerConfirmation(state: DialogueState, task: Task, heard: Understanding, env: DialogueEnvironment): Answer {
  const correction = changesAnything(state, task, heard, env);
  if (heard.yesNo === 'yes' && !correction) {
    task.confirmed = true;
    return 'answered';
  }
  if (heard.yesNo !== 'no') return undefined;
  if (correction) return 'declined';
  if (task.kind === 'cancel') {
    delete state.task;
    return 'kept_appointment';
  }
  if (task.kind === 'reschedule') {
    resetSlotSearch(task);
    delete task.when;
    return 'declined';
  }
  return 'what_to_change';
}

function answerSlotChoice(task: Task, heard: Understanding, env: DialogueEnvironment): Answer {
  const chosen = heard.choice !== undefined ? task.offered[heard.choice] : undefined;
  if (chosen) {
    task.chosenSlot = chosen;
    return 'answered';
  }
  const when = heard.when;
  if (when) {
    const fitting = task.offered.filter((slot) => fitsWhen(slot.start, when, env.clock));
    if (fitting.length === 1) {
      task.chosenSlot = fitting[0];
      return 'answered';
    }
    if (fitting.length > 1 && fitting.length < task.offered.length) {
      // "Tuesday" when two Tuesday times were offered: ask between those two.
      task.offered = fitting;
      return 'answered';
    }
    return undefined;
  }
  if (heard.yesNo === 'yes' && task.offered[0]) {
    task.chosenSlot = task.offered[0];
    return 'answered';
  }
  if (heard.yesNo === 'no') {
    resetSlotSearch(task);
    delete task.when;
    return 'declined';
  }
  return undefined;
}

/** Whether the line brings a new value for anything already settled (a correction). */
function changesAnything(state: DialogueState, task: Task, heard: Understanding, env: DialogueEnvironment): boolean {
  return (
    (task.kind === 'book' && heard.appointmentType !== undefined && heard.appointmentType !== task.appointmentType) ||
    ((task.kind === 'book' || task.kind === 'reschedule') && heard.when !== undefined && isNewWhen(task, heard.when, env)) ||
    (heard.fullName !== undefined && heard.fullName !== state.identity.fullName) ||
    (heard.dateOfBirth !== undefined && heard.dateOfBirth !== state.identity.dateOfBirth)
  );
}

function clearWhatCallerWantsChanged(state: DialogueState, task: Task, heard: Understanding, env: DialogueEnvironment): boolean {
  // A new value ("make it Friday") is applied by fillTask and fillIdentity.
  if (changesAnything(state, task, heard, env)) return true;
  const text = heard.text;
  let cleared = false;
  if (CHANGE_TIME.test(text.replace(/\bdate of birth\b/g, ' '))) {
    resetSlotSearch(task);
    delete task.when;
    cleared = true;
  }
  if (CHANGE_NAME.test(text)) {
    delete state.identity.fullName;
    delete state.identity.firstName;
    task.confirmed = false;
    cleared = true;
  }
  if (CHANGE_BIRTH.test(text)) {
    delete state.identity.dateOfBirth;
    task.confirmed = false;
    cleared = true;
  }
  if (CHANGE_TYPE.test(text) && task.kind === 'book') {
    delete task.appointmentType;
    resetSlotSearch(task);
    cleared = true;
  }
  return cleared;
}
