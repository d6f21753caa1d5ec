import type { AppointmentType, Practice, Slot } from '../model';
import type { BookingWindow } from './booking-window';
import { computeOpenSlots } from './open-slots';

/**
 * The slot the practice's own calendar has at `start` for this type, whoever is already booked: the start lies
 * on the booking grid of an opening period, the visit ends by closing time, the day is no closure, and the
 * start is within the booking window. It pairs the first provider of the type's kind (by id) with the first
 * operatory, as `computeOpenSlots` does on an empty schedule. Null when the calendar has no such slot.
 *
 * Only for queueing a booking while the backend cannot say what is free: the backend re-checks the slot when
 * the queued booking is delivered, and refuses it (staff call the patient back) if it was taken meanwhile.
 */
export function calendarSlotAt(practice: Practice, type: AppointmentType, start: Date, window: BookingWindow): Slot | null {
  const slots = computeOpenSlots({
    practice,
    appointmentType: type,
    from: start,
    to: new Date(start.getTime() + 1),
    notBefore: window.notBefore,
    busy: [],
  });
  return slots.find((slot) => Date.parse(slot.start) === start.getTime()) ?? null;
}
