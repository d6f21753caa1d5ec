import type { Appointment, AppointmentType, LocalDate, Practice, Slot } from '../model';
import type { BackendCallOptions, SchedulingBackend } from '../ports';
import type { BookingWindow } from './booking-window';
import { dateWithinWindow } from './booking-window';
import { addDays, splitLocalDateTime, startOfLocalDay, zoneClock } from './local-time';
import type { SlotPreferences } from './slot-selection';
import { SLOTS_TO_OFFER, selectSlots, suitsPartOfDay } from './slot-selection';

/** How far each availability request to the backend looks when no date was asked for. */
const LOOK_AHEAD_DAYS = 7;

/** How one search runs: the caller's cancellation, and the appointment being moved, if any. */
export interface SlotSearch extends BackendCallOptions {
  /**
   * The appointment being rescheduled: its own busy time does not block its new slot, and its current start
   * is never offered (it is no new time).
   */
  moving?: Appointment;
}

/** Asks the backend for open slots and picks the few worth offering. */
export class SlotFinder {
  constructor(private readonly backend: SchedulingBackend) {}

  /** Slots to offer: on `date` if given (else from the earliest bookable moment), looking further ahead if none. */
  async offer(
    practice: Practice,
    type: AppointmentType,
    window: BookingWindow,
    date: LocalDate | undefined,
    preferences: SlotPreferences,
    search: SlotSearch = {},
  ): Promise<Slot[]> {
    if (date) {
      const from = latest(startOfLocalDay(date, practice.timeZone), window.notBefore);
      const to = startOfLocalDay(addDays(date, 1), practice.timeZone);
      const open = from < to ? await this.openSlots(practice, type, from, to, search) : [];
      const onDate = selectSlots(open, preferences, practice.timeZone);
      if (onDate.length > 0) return onDate;
      return this.lookAhead(practice, type, window, latest(to, window.notBefore), preferences, search);
    }
    return this.lookAhead(practice, type, window, window.notBefore, preferences, search);
  }

  /** Other slots near a local start ("YYYY-MM-DDTHH:mm") the caller cannot have. */
  async alternativesTo(
    practice: Practice,
    type: AppointmentType,
    window: BookingWindow,
    localStart: string,
    search: SlotSearch = {},
  ): Promise<Slot[]> {
    const wanted = splitLocalDateTime(localStart);
    const date = wanted && dateWithinWindow(window, wanted.date) ? wanted.date : undefined;
    const clock = zoneClock(practice.timeZone);
    const slots = await this.offer(practice, type, window, date, { time: wanted?.time }, search);
    return slots.filter((slot) => clock.localDateTimeOf(new Date(slot.start)) !== localStart);
  }

  /** The open slots starting exactly at `instant`, one per free provider. */
  async openAt(practice: Practice, type: AppointmentType, instant: Date, search: SlotSearch = {}): Promise<Slot[]> {
    const slots = await this.openSlots(practice, type, instant, new Date(instant.getTime() + 1), search);
    return slots.filter((slot) => Date.parse(slot.start) === instant.getTime());
  }

  /** Asks the backend a week at a time until there are enough choices or the booking horizon is reached. */
  private async lookAhead(
    practice: Practice,
    type: AppointmentType,
    window: BookingWindow,
    from: Date,
    preferences: SlotPreferences,
    search: SlotSearch,
  ): Promise<Slot[]> {
    const clock = zoneClock(practice.timeZone);
    const end = new Date(window.horizon.getTime() + 1);
    const found: Slot[] = [];
    const starts = new Set<string>();
    for (let cursor = from; cursor < end && starts.size < SLOTS_TO_OFFER; ) {
      const to = earliest(clock.plusDays(cursor, LOOK_AHEAD_DAYS), end);
      for (const slot of await this.openSlots(practice, type, cursor, to, search)) {
        if (!suitsPartOfDay(slot, preferences.partOfDay, practice.timeZone)) continue;
        found.push(slot);
        starts.add(slot.start);
      }
      cursor = to;
    }
    return selectSlots(found, preferences, practice.timeZone);
  }

  private async openSlots(practice: Practice, type: AppointmentType, from: Date, to: Date, search: SlotSearch): Promise<Slot[]> {
    const { moving, signal } = search;
    const query = { appointmentType: type, from: from.toISOString(), to: to.toISOString() };
    if (!moving) return this.backend.openSlots(practice, query, { signal });
    const slots = await this.backend.openSlots(practice, { ...query, excludeAppointmentId: moving.id }, { signal });
    const current = Date.parse(moving.start);
    return slots.filter((slot) => Date.parse(slot.start) !== current);
  }
}

function latest(a: Date, b: Date): Date {
  return a > b ? a : b;
}

function earliest(a: Date, b: Date): Date {
  return a < b ? a : b;
}
