import type { OfferedSlot, ShownAppointment, ToolErrorCode, ToolName, ToolResult } from '@crowndesk/domain';
import type { ToolResponder } from './simulated-call';
import { slot } from './practice';

export interface Failure {
  error: ToolErrorCode;
  alternatives?: OfferedSlot[];
}

/**
 * A front desk that answers the engine's tool calls with fabricated results of the contract's types:
 * the slots it has, the caller's appointments, practice facts, and failures queued per tool.
 */
export class FakeTools {
  slots: OfferedSlot[] = [slot('2026-11-03T10:00'), slot('2026-11-03T11:00', 'Dr. Lee'), slot('2026-11-04T14:00')];
  appointments: ShownAppointment[] = [];
  newPatient = false;
  facts: Record<string, string> = {
    hours: 'We are open Monday through Thursday from 8 AM to 5 PM, and Friday from 8 AM to 1 PM.',
    address: 'We are at 12 Maple Street, Springfield.',
    parking: 'There is free parking behind the building.',
    insurance: 'We accept most PPO plans, including Delta Dental and Cigna.',
  };
  private readonly failures = new Map<ToolName, Failure[]>();

  /** The next call of `tool` fails with this error (queued: several calls fail in order). */
  failNext(tool: ToolName, failure: Failure): this {
    this.failures.set(tool, [...(this.failures.get(tool) ?? []), failure]);
    return this;
  }

  readonly respond: ToolResponder = ({ name, args }) => {
    const queued = this.failures.get(name as ToolName);
    const failure = queued?.shift();
    if (failure) {
      const result: ToolResult = {
        ok: false,
        error: failure.error,
        message: `simulated ${failure.error}`,
        ...(failure.alternatives ? { alternatives: failure.alternatives } : {}),
      };
      return result;
    }
    switch (name) {
      case 'check_availability':
        return { ok: true, tool: 'check_availability', appointmentType: String(args.appointment_type), slots: this.slots };
      case 'book_appointment': {
        const booked = this.slots.find((candidate) => candidate.start === args.start);
        return {
          ok: true,
          tool: 'book_appointment',
          appointment: {
            ref: 'appt-9',
            type: String(args.appointment_type),
            start: String(args.start),
            spoken: booked?.spoken ?? String(args.start),
            status: 'scheduled',
          },
          newPatient: this.newPatient,
        };
      }
      case 'find_my_appointments':
        return { ok: true, tool: 'find_my_appointments', appointments: this.appointments };
      case 'reschedule_appointment': {
        const moved = this.appointments.find((candidate) => candidate.ref === args.appointment_ref);
        const target = this.slots.find((candidate) => candidate.start === args.new_start);
        if (!moved || !target) return { ok: false, error: 'unknown_appointment', message: 'no such appointment' };
        return {
          ok: true,
          tool: 'reschedule_appointment',
          appointment: { ...moved, start: target.start, spoken: target.spoken },
        };
      }
      case 'cancel_appointment': {
        const cancelled = this.appointments.find((candidate) => candidate.ref === args.appointment_ref);
        if (!cancelled) return { ok: false, error: 'unknown_appointment', message: 'no such appointment' };
        return { ok: true, tool: 'cancel_appointment', appointment: { ...cancelled, status: 'cancelled' } };
      }
      case 'get_practice_info': {
        const topic = typeof args.topic === 'string' ? args.topic : 'summary';
        return { ok: true, tool: 'get_practice_info', topic, answer: this.facts[topic] ?? 'We are a family dental practice.' };
      }
      case 'transfer_to_staff':
        return { ok: true, tool: 'transfer_to_staff', department: String(args.department ?? 'front_desk') };
      case 'end_call':
        return { ok: true, tool: 'end_call' };
      default:
        return { ok: false, error: 'unknown_tool', message: `no tool ${name}` };
    }
  };
}
