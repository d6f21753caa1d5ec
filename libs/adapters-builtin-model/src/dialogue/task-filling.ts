import { fitsWhen, type Understanding, type WhenPreference } from '../nlu';
import type { DialogueEnvironment } from './environment';
import { resetSlotSearch, type DialogueState, type Task } from './state';

/**
 * Type, day and time for the task; a change of either starts the slot search over. `answered` says
 * the line already answered the pending question (a day that picked a slot is not a new day).
 * For a reschedule or cancel the type names which appointment ("move my cleaning"), until one is picked.
 */
export function fillTask(
  state: DialogueState,
  task: Task,
  heard: Understanding,
  env: DialogueEnvironment,
  answered: boolean,
): boolean {
  let filled = false;
  if (task.kind === 'book' && heard.appointmentType && heard.appointmentType !== task.appointmentType) {
    task.appointmentType = heard.appointmentType;
    resetSlotSearch(task);
    filled = true;
  }
  const changing = task.kind === 'reschedule' || task.kind === 'cancel';
  if (changing && !task.appointment && heard.appointmentType && heard.appointmentType !== task.appointmentType) {
    task.appointmentType = heard.appointmentType;
    filled = true;
  }
  const when = heard.when;
  // Only a booking and a reschedule look for a time; a day said otherwise describes an appointment.
  if ((task.kind !== 'book' && task.kind !== 'reschedule') || !when) return filled;
  const question = state.pending.question;
  if (answered && (question === 'slot_choice' || question === 'which_appointment')) return filled;
  if (isNewWhen(task, when, env)) {
    task.when = mergeWhen(task.when, when);
    resetSlotSearch(task);
    filled = true;
  }
  return filled;
}

/** Whether a day/time the caller said asks for something other than what is already settled. */
export function isNewWhen(task: Task, when: WhenPreference, env: DialogueEnvironment): boolean {
  if (task.chosenSlot) return !fitsWhen(task.chosenSlot.start, when, env.clock);
  return !sameWhen(mergeWhen(task.when, when), task.when);
}

/** "How about 2 instead?" keeps the day already chosen; a new day drops the old time. */
function mergeWhen(previous: WhenPreference | undefined, next: WhenPreference): WhenPreference {
  if (!previous?.date || next.date || next.firstAvailable) return next;
  const merged: WhenPreference = { date: previous.date };
  if (previous.weekday !== undefined) merged.weekday = previous.weekday;
  if (next.time) merged.time = next.time;
  if (next.partOfDay) merged.partOfDay = next.partOfDay;
  return merged;
}

function sameWhen(a: WhenPreference | undefined, b: WhenPreference | undefined): boolean {
  return (
    a?.date === b?.date && a?.time === b?.time && a?.partOfDay === b?.partOfDay && a?.firstAvailable === b?.firstAvailable
  );
}

/** Name and date of birth; a new identity must be verified again before anything is changed. */
export function fillIdentity(state: DialogueState, heard: Understanding): 'filled' | 'need_last_name' | undefined {
  const identity = state.identity;
  let fullName = heard.fullName;
  if (!fullName && heard.firstName && state.pending.question === 'full_name') {
    if (!identity.firstName) {
      identity.firstName = heard.firstName;
      return 'need_last_name';
    }
    fullName = `${identity.firstName} ${heard.firstName}`;
  }
  let filled = false;
  if (fullName && fullName !== identity.fullName) {
    identity.fullName = fullName;
    delete identity.firstName;
    filled = true;
  }
  if (heard.dateOfBirth && heard.dateOfBirth !== identity.dateOfBirth) {
    identity.dateOfBirth = heard.dateOfBirth;
    filled = true;
  }
  if (filled) {
    // Appointments were shown to the identity verified before; a changed identity is verified anew.
    delete state.appointments;
    if (state.task) {
      state.task.confirmed = false;
      if (state.task.kind !== 'book') delete state.task.appointment;
    }
  }
  return filled ? 'filled' : undefined;
}
