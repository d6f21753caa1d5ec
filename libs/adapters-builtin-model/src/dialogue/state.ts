import type { OfferedSlot, ShownAppointment, ToolErrorCode, ToolName } from '@crowndesk/domain';
import type { InfoTopic, KnownAppointmentType, WhenPreference } from '../nlu';

/** The question the receptionist asked last, which the caller's next line answers. */
export type Question =
  | 'how_can_i_help'
  | 'anything_else'
  | 'appointment_type'
  | 'when'
  | 'slot_choice'
  | 'full_name'
  | 'date_of_birth'
  | 'which_appointment'
  | 'confirm'
  | 'what_to_change'
  | 'transfer_offer';

/** Why the receptionist offered to transfer the call; it decides what a "no" leads to. */
export type TransferReason = 'misunderstanding' | 'emergency' | 'backend' | 'identity' | 'no_openings' | 'unsupported';

export interface Pending {
  question: Question;
  transferReason?: TransferReason;
}

/** `lookup` tells a verified caller their upcoming appointments; it changes nothing. */
export type TaskKind = 'book' | 'reschedule' | 'cancel' | 'lookup';

/** The task under way and what has been settled for it. */
export interface Task {
  kind: TaskKind;
  /** book: the type code the caller asked for; reschedule/cancel: the type of the appointment they named. */
  appointmentType?: string;
  when?: WhenPreference;
  /** check_availability has run for the current type and `when`. */
  searched: boolean;
  /** Slots put to the caller, at most three. */
  offered: OfferedSlot[];
  chosenSlot?: OfferedSlot;
  /** reschedule/cancel: the appointment the caller picked (one alone needs no picking). */
  appointment?: ShownAppointment;
  /** The caller said yes to the read-back. */
  confirmed: boolean;
}

export interface CallerIdentity {
  fullName?: string;
  /** A first name given alone, waiting for the last name. */
  firstName?: string;
  dateOfBirth?: string;
}

/** What the caller's latest line calls for. */
export type CallerReaction =
  | {
      type: 'continue';
      startedTask?: TaskKind;
      /** The caller turned down what was offered or asked. */
      declined?: boolean;
      /** The first name the caller just gave, to thank them by. */
      learnedName?: string;
      learnedBirthDate?: boolean;
    }
  | { type: 'not_understood' }
  | { type: 'greeted' }
  | { type: 'repeat' }
  | { type: 'goodbye' }
  | { type: 'transfer'; department?: string; reason?: TransferReason }
  | { type: 'emergency' }
  | { type: 'info'; topic: InfoTopic }
  | { type: 'what_to_change' }
  | { type: 'abandoned' }
  | { type: 'kept_appointment' }
  | { type: 'need_last_name'; firstName: string };

/** What the latest round of tools came back with. */
export type ToolOutcome =
  | { type: 'slots'; slots: OfferedSlot[]; when?: WhenPreference }
  | { type: 'no_slots'; when?: WhenPreference }
  | { type: 'booked'; appointment: ShownAppointment; newPatient: boolean; pendingConfirmation: boolean }
  | { type: 'appointments'; active: ShownAppointment[] }
  | { type: 'rescheduled'; appointment: ShownAppointment }
  | { type: 'cancelled'; appointment: ShownAppointment }
  | { type: 'info'; answer: string }
  | { type: 'handed_off' }
  /** A result for a task that is no longer under way: nothing to report. */
  | { type: 'stale' }
  | { type: 'failed'; tool: ToolName; error: ToolErrorCode | 'unreadable_result'; alternatives: OfferedSlot[] };

export type Trigger =
  | { kind: 'start' }
  | { kind: 'caller'; reaction: CallerReaction }
  | { kind: 'tools'; outcome: ToolOutcome };

/** Everything the receptionist knows about the call so far; rebuilt from the messages on every request. */
export interface DialogueState {
  pending: Pending;
  task?: Task;
  identity: CallerIdentity;
  /** What find_my_appointments showed the verified caller; undefined until looked up (or after a change). */
  appointments?: ShownAppointment[];
  /** Consecutive caller lines the receptionist could not make sense of. */
  misunderstandings: number;
  /** Consecutive identity_mismatch results. */
  identityMismatches: number;
  trigger: Trigger;
}

export function initialState(): DialogueState {
  return {
    pending: { question: 'how_can_i_help' },
    identity: {},
    misunderstandings: 0,
    identityMismatches: 0,
    trigger: { kind: 'start' },
  };
}

export function newTask(kind: TaskKind): Task {
  return { kind, searched: false, offered: [], confirmed: false };
}

/** Appointments that can still be changed, soonest first (the order they are said and picked in). */
export function activeAppointments(appointments: readonly ShownAppointment[] | undefined): ShownAppointment[] {
  return (appointments ?? [])
    .filter((appointment) => appointment.status !== 'cancelled' && appointment.status !== 'rescheduled')
    .sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * The appointment a reschedule or cancel is about: the one picked, the only one there is, or the only
 * one of the type the caller named ("cancel my exam").
 */
export function targetAppointment(state: DialogueState, types: readonly KnownAppointmentType[]): ShownAppointment | undefined {
  const task = state.task;
  if (task?.appointment) return task.appointment;
  const active = activeAppointments(state.appointments);
  if (active.length === 1) return active[0];
  const named = task?.appointmentType;
  if (!named) return undefined;
  const ofType = active.filter((appointment) => typeCodeOf(appointment.type, types) === named);
  return ofType.length === 1 ? ofType[0] : undefined;
}

/** The practice's code for a type an appointment shows by code (or, from older tools, by name). */
export function typeCodeOf(type: string, types: readonly KnownAppointmentType[]): string {
  const wanted = type.toLowerCase();
  const known = types.find((candidate) => candidate.code.toLowerCase() === wanted || candidate.name.toLowerCase() === wanted);
  return known?.code ?? type;
}

/** Forget the slot search, e.g. when the type or the preferred time changes. */
export function resetSlotSearch(task: Task): void {
  task.searched = false;
  task.offered = [];
  delete task.chosenSlot;
  task.confirmed = false;
}
