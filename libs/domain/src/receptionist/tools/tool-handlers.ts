import type { Clock } from '../../ports';
import type { FrontDesk } from '../../scheduling';
import { zoneClock } from '../../scheduling';
import type { CallSession } from '../call-session';
import type { ToolArguments, ToolName, ToolResult } from '../tool-contract';
import type { ToolExecution } from '../tool-runner';
import { answerPracticeQuestion } from './practice-info';
import { offeredSlot, pendingAppointment, shownAppointment } from './presenters';
import {
  identityMismatch,
  incompleteName,
  invalidDate,
  notVerified,
  outsideBookingWindow,
  slotUnavailable,
  unknownAppointment,
  unknownAppointmentType,
} from './tool-failures';
import { transferTargetFor } from './transfer-target';

/** What a tool did: its result for the model and any effect on the call. */
export interface ToolOutcome {
  result: ToolResult;
  effect?: ToolExecution['effect'];
}

/** `signal` is the turn's: a superseded turn stops its backend calls (see BackendCallOptions). */
export type ToolHandlers = {
  [K in ToolName]: (session: CallSession, args: ToolArguments[K], signal: AbortSignal) => Promise<ToolOutcome>;
};

/** Each tool, from validated arguments to a ToolResult of the contract. */
export function toolHandlers(frontDesk: FrontDesk, clock: Clock): ToolHandlers {
  return {
    async check_availability(session, args, signal) {
      const practice = session.practice;
      const found = await frontDesk.findAvailableSlots(
        session,
        { typeCode: args.appointment_type, date: args.date, time: args.time, partOfDay: args.part_of_day },
        { signal },
      );
      switch (found.status) {
        case 'unknown_type':
          return { result: unknownAppointmentType(practice) };
        case 'invalid_date':
          return { result: invalidDate(found) };
        case 'outside_booking_window':
          return { result: outsideBookingWindow(practice, found.window, found.alternatives) };
        case 'available':
          return {
            result: {
              ok: true,
              tool: 'check_availability',
              appointmentType: found.appointmentType.code,
              slots: found.slots.map((slot) => offeredSlot(practice, slot)),
            },
          };
      }
    },

    async book_appointment(session, args, signal) {
      const practice = session.practice;
      const booked = await frontDesk.book(
        session,
        {
          typeCode: args.appointment_type,
          localStart: args.start,
          identity: { fullName: args.full_name, dateOfBirth: args.date_of_birth },
          phone: args.phone,
        },
        { signal },
      );
      switch (booked.status) {
        case 'unknown_type':
          return { result: unknownAppointmentType(practice) };
        case 'invalid_date':
          return { result: invalidDate(booked) };
        case 'incomplete_name':
          return { result: incompleteName() };
        case 'slot_unavailable':
          return { result: slotUnavailable(practice, booked.alternatives) };
        case 'outside_booking_window':
          return { result: outsideBookingWindow(practice, booked.window, booked.alternatives) };
        case 'booked':
          return {
            result: {
              ok: true,
              tool: 'book_appointment',
              appointment: shownAppointment(practice, booked.ref, booked.appointment),
              newPatient: booked.newPatient,
            },
          };
        case 'pending':
          return {
            result: {
              ok: true,
              tool: 'book_appointment',
              appointment: pendingAppointment(practice, booked.slot),
              newPatient: booked.newPatient,
              pendingConfirmation: true,
            },
          };
      }
    },

    async find_my_appointments(session, args, signal) {
      const identity = { fullName: args.full_name, dateOfBirth: args.date_of_birth };
      const found = await frontDesk.findMyAppointments(session, identity, { signal });
      if (found.status === 'identity_mismatch') return { result: identityMismatch() };
      return {
        result: {
          ok: true,
          tool: 'find_my_appointments',
          appointments: found.appointments.map(({ ref, appointment }) => shownAppointment(session.practice, ref, appointment)),
        },
      };
    },

    async reschedule_appointment(session, args, signal) {
      const practice = session.practice;
      const moved = await frontDesk.reschedule(session, args.appointment_ref, args.new_start, { signal });
      switch (moved.status) {
        case 'not_verified':
          return { result: notVerified() };
        case 'unknown_appointment':
          return { result: unknownAppointment() };
        case 'unknown_type':
          return { result: unknownAppointmentType(practice) };
        case 'invalid_date':
          return { result: invalidDate(moved) };
        case 'slot_unavailable':
          return { result: slotUnavailable(practice, moved.alternatives) };
        case 'outside_booking_window':
          return { result: outsideBookingWindow(practice, moved.window, moved.alternatives) };
        case 'rescheduled':
          return {
            result: { ok: true, tool: 'reschedule_appointment', appointment: shownAppointment(practice, moved.ref, moved.appointment) },
          };
      }
    },

    async cancel_appointment(session, args, signal) {
      const cancelled = await frontDesk.cancel(session, args.appointment_ref, { signal });
      switch (cancelled.status) {
        case 'not_verified':
          return { result: notVerified() };
        case 'unknown_appointment':
          return { result: unknownAppointment() };
        case 'cancelled':
          return {
            result: {
              ok: true,
              tool: 'cancel_appointment',
              appointment: shownAppointment(session.practice, cancelled.ref, cancelled.appointment),
            },
          };
      }
    },

    async get_practice_info(session, args) {
      const today = zoneClock(session.practice.timeZone).localDateOf(clock.now());
      const { topic, answer } = answerPracticeQuestion(session.practice, args.topic, today);
      session.outcomes.push('information');
      return { result: { ok: true, tool: 'get_practice_info', topic, answer } };
    },

    async transfer_to_staff(session, args) {
      // The number comes from the practice's allowlist only; the arguments merely pick a department.
      const target = transferTargetFor(session.practice, args.department);
      return {
        result: { ok: true, tool: 'transfer_to_staff', department: target.label },
        effect: { type: 'transfer', number: target.number, reason: 'staff' },
      };
    },

    async end_call() {
      return { result: { ok: true, tool: 'end_call' }, effect: { type: 'end_call' } };
    },
  };
}
