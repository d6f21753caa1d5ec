import {
  Say,
  askAppointmentType,
  askSlotChoice,
  askWhichAppointment,
  confirmBooking,
  confirmCancel,
  confirmReschedule,
  yourAppointments,
} from '../phrasing';
import type { Decision } from './decision';
import type { DialogueEnvironment } from './environment';
import { activeAppointments, targetAppointment, typeCodeOf, type DialogueState, type Task } from './state';

/**
 * The next step of the task under way: ask for the first missing piece, run the tool it is ready for,
 * or read back and ask for confirmation. `lead` is said first (an acknowledgement or an answer).
 */
export function nextStep(state: DialogueState, env: DialogueEnvironment, lead: string[] = []): Decision {
  const task = state.task;
  if (!task) {
    const question = state.pending.question === 'how_can_i_help' ? 'how_can_i_help' : 'anything_else';
    return ask(lead, [question === 'how_can_i_help' ? Say.howCanIHelp : Say.anythingElse], question);
  }
  return task.kind === 'book' ? nextBookingStep(state, task, env, lead) : nextChangeStep(state, task, env, lead);
}

function ask(lead: string[], question: string[], pendingQuestion: Decision['pending']['question']): Decision {
  return { say: [...lead, ...question], pending: { question: pendingQuestion } };
}

function nextBookingStep(state: DialogueState, task: Task, env: DialogueEnvironment, lead: string[]): Decision {
  const type = task.appointmentType;
  if (!type) return ask(lead, [askAppointmentType(env.appointmentTypes)], 'appointment_type');
  const slotStep = nextSlotStep(state, task, type, lead, Say.askWhen);
  if (slotStep) return slotStep;
  const slot = task.chosenSlot;
  const { fullName, dateOfBirth } = state.identity;
  if (!slot) return ask(lead, [Say.askWhen], 'when');
  if (!fullName) return ask(lead, [Say.askFullName], 'full_name');
  if (!dateOfBirth) return ask(lead, [Say.askDateOfBirth], 'date_of_birth');
  if (!task.confirmed) {
    return ask(lead, [confirmBooking(type, slot, fullName, dateOfBirth, env.appointmentTypes, env.clock)], 'confirm');
  }
  return {
    say: [...lead, Say.booking],
    tool: {
      name: 'book_appointment',
      args: { appointment_type: type, start: slot.start, full_name: fullName, date_of_birth: dateOfBirth },
    },
    pending: state.pending,
  };
}

/** Until a slot is chosen: ask when, search, or ask again which offered slot. */
function nextSlotStep(state: DialogueState, task: Task, type: string, lead: string[], askWhen: string): Decision | undefined {
  if (task.chosenSlot) return undefined;
  if (task.offered.length > 0) return ask(lead, [askSlotChoice(task.offered)], 'slot_choice');
  const when = task.when;
  if (!when) return ask(lead, [askWhen], 'when');
  const args: { appointment_type: string; date?: string; time?: string; part_of_day?: 'morning' | 'afternoon' } = {
    appointment_type: type,
  };
  if (when.date) args.date = when.date;
  if (when.time) args.time = when.time;
  else if (when.partOfDay) args.part_of_day = when.partOfDay;
  return { say: [...lead, Say.checking], tool: { name: 'check_availability', args }, pending: state.pending };
}

/** Reschedule, cancel and look-up all start the same way: verify the caller and find their appointments. */
function nextChangeStep(state: DialogueState, task: Task, env: DialogueEnvironment, lead: string[]): Decision {
  const { fullName, dateOfBirth } = state.identity;
  if (!fullName) return ask(lead, [Say.askFullNameToFind], 'full_name');
  if (!dateOfBirth) return ask(lead, [Say.askDateOfBirth], 'date_of_birth');
  if (!state.appointments) {
    return {
      say: [...lead, Say.lookingUp],
      tool: { name: 'find_my_appointments', args: { full_name: fullName, date_of_birth: dateOfBirth } },
      pending: state.pending,
    };
  }
  const active = activeAppointments(state.appointments);
  if (active.length === 0) {
    return { say: [...lead, Say.noUpcoming, Say.anythingElse], pending: { question: 'anything_else' }, endTask: true };
  }
  if (task.kind === 'lookup') {
    // Told, the task is over; the appointments stay known, so a change asked next needs no new look-up.
    const told = yourAppointments(active, env.appointmentTypes);
    return { say: [...lead, ...told, Say.anythingElse], pending: { question: 'anything_else' }, endTask: true };
  }
  const appointment = targetAppointment(state, env.appointmentTypes);
  if (!appointment) {
    const purpose = task.kind === 'cancel' ? 'cancel' : 'reschedule';
    return ask(lead, askWhichAppointment(active, purpose, env.appointmentTypes), 'which_appointment');
  }

  if (task.kind === 'cancel') {
    if (!task.confirmed) return ask(lead, [confirmCancel(appointment, env.appointmentTypes)], 'confirm');
    return {
      say: [...lead, Say.cancelling],
      tool: { name: 'cancel_appointment', args: { appointment_ref: appointment.ref } },
      pending: state.pending,
    };
  }

  // check_availability wants the practice's type code.
  const slotStep = nextSlotStep(state, task, typeCodeOf(appointment.type, env.appointmentTypes), lead, Say.askNewWhen);
  if (slotStep) return slotStep;
  const slot = task.chosenSlot;
  if (!slot) return ask(lead, [Say.askNewWhen], 'when');
  if (!task.confirmed) return ask(lead, [confirmReschedule(appointment, slot, env.appointmentTypes)], 'confirm');
  return {
    say: [...lead, Say.changing],
    tool: { name: 'reschedule_appointment', args: { appointment_ref: appointment.ref, new_start: slot.start } },
    pending: state.pending,
  };
}

