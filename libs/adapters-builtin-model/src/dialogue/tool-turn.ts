import type { OfferedSlot, ToolResult } from '@crowndesk/domain';
import type { WhenPreference } from '../nlu';
import type { ToolExchange } from './history';
import { activeAppointments, resetSlotSearch, type DialogueState, type ToolOutcome } from './state';

/** Applies a round of tool results to the dialogue state and records the outcome to speak about. */
export function applyToolRound(previous: DialogueState, exchanges: readonly ToolExchange[]): DialogueState {
  const state = structuredClone(previous);
  let outcome: ToolOutcome = { type: 'handed_off' };
  for (const exchange of exchanges) {
    outcome = applyResult(state, exchange);
    if (outcome.type === 'failed') break;
  }
  state.trigger = { kind: 'tools', outcome };
  return state;
}

function applyResult(state: DialogueState, { invocation, result }: ToolExchange): ToolOutcome {
  if (!result) return { type: 'failed', tool: invocation.name, error: 'unreadable_result', alternatives: [] };
  if (!result.ok) return applyFailure(state, invocation.name, result);
  const task = state.task;
  switch (result.tool) {
    case 'check_availability': {
      const when = task?.when;
      if (!task) return { type: 'stale' };
      if (result.slots.length === 0) {
        resetSlotSearch(task);
        delete task.when;
        return when ? { type: 'no_slots', when } : { type: 'no_slots' };
      }
      task.searched = true;
      task.offered = exactMatchFirst(result.slots, when).slice(0, 3);
      return when ? { type: 'slots', slots: task.offered, when } : { type: 'slots', slots: task.offered };
    }
    case 'book_appointment':
      delete state.task;
      delete state.appointments;
      return {
        type: 'booked',
        appointment: result.appointment,
        newPatient: result.newPatient,
        pendingConfirmation: result.pendingConfirmation === true,
      };
    case 'find_my_appointments': {
      state.appointments = result.appointments;
      state.identityMismatches = 0;
      const active = activeAppointments(result.appointments);
      if (active.length === 0) delete state.task;
      return { type: 'appointments', active };
    }
    case 'reschedule_appointment':
      delete state.task;
      delete state.appointments;
      return { type: 'rescheduled', appointment: result.appointment };
    case 'cancel_appointment':
      delete state.task;
      delete state.appointments;
      return { type: 'cancelled', appointment: result.appointment };
    case 'get_practice_info':
      return { type: 'info', answer: result.answer };
    case 'transfer_to_staff':
    case 'end_call':
      return { type: 'handed_off' };
  }
}

/** Undo what the failed call relied on, so the policy asks for it again. */
function applyFailure(
  state: DialogueState,
  tool: ToolExchange['invocation']['name'],
  failure: Extract<ToolResult, { ok: false }>,
): ToolOutcome {
  const task = state.task;
  const alternatives = (failure.alternatives ?? []).slice(0, 3);
  if (failure.error !== 'identity_mismatch') state.identityMismatches = 0;
  switch (failure.error) {
    case 'slot_unavailable':
    case 'outside_booking_window':
      if (task) {
        resetSlotSearch(task);
        if (alternatives.length > 0) {
          task.offered = alternatives;
          task.searched = true;
        } else {
          delete task.when;
        }
      }
      break;
    case 'unknown_appointment_type':
      if (task) {
        delete task.appointmentType;
        resetSlotSearch(task);
      }
      break;
    case 'identity_mismatch':
    case 'not_verified':
      state.identityMismatches = failure.error === 'identity_mismatch' ? state.identityMismatches + 1 : 0;
      state.identity = {};
      delete state.appointments;
      if (task) {
        task.confirmed = false;
        delete task.appointment;
      }
      break;
    case 'unknown_appointment':
      delete state.appointments;
      if (task) {
        delete task.appointment;
        task.confirmed = false;
      }
      break;
    case 'invalid_arguments':
      forgetInputsOf(state, tool);
      break;
    case 'backend_unavailable':
    case 'unknown_tool':
      if (task) task.confirmed = false;
      break;
  }
  return { type: 'failed', tool, error: failure.error, alternatives };
}

/** The tool refused its arguments: ask again for what went into them. */
function forgetInputsOf(state: DialogueState, tool: ToolExchange['invocation']['name']): void {
  const task = state.task;
  switch (tool) {
    case 'check_availability':
      if (task) {
        resetSlotSearch(task);
        delete task.when;
      }
      break;
    case 'book_appointment':
    case 'find_my_appointments':
      state.identity = {};
      delete state.appointments;
      if (task) task.confirmed = false;
      break;
    case 'reschedule_appointment':
    case 'cancel_appointment':
      if (task) {
        resetSlotSearch(task);
        delete task.appointment;
        if (task.kind === 'reschedule') delete task.when;
      }
      break;
    default:
      break;
  }
}

/** The slot at exactly the day and time asked for goes first: it is the one offered by name. */
function exactMatchFirst(slots: readonly OfferedSlot[], when: WhenPreference | undefined): OfferedSlot[] {
  const wanted = when?.date && when.time ? `${when.date}T${when.time}` : undefined;
  const exact = slots.find((slot) => slot.start === wanted);
  return exact ? [exact, ...slots.filter((slot) => slot !== exact)] : [...slots];
}
