import type { Appointment, Clock } from '@crowndesk/domain';
import { OCCUPYING_STATUSES } from '@crowndesk/domain';

/** Long enough for the call that listed an appointment to move it; short enough not to go stale. */
const REMEMBER_MS = 30 * 60_000;
/** Bounds the memory whatever the traffic: the oldest are forgotten first. */
const MAX_REMEMBERED = 5_000;

/** The time an appointment holds: all that an availability search needs to know of it. */
export interface HeldTime {
  providerId: string;
  startMs: number;
  endMs: number;
}

/**
 * The time held by appointments this backend has recently read or written, by practice and id.
 *
 * CrownDesk has no route that reads one appointment by id, and its slot search cannot leave one out. The
 * domain always lists the caller's appointments (appointmentsOf) before it moves one, so when openSlots is
 * asked to ignore the appointment being moved, its time is known here. It is only used to offer more
 * times, never to decide a write: CrownDesk re-checks every write against its own schedule.
 */
export class KnownAppointments {
  private readonly held = new Map<string, HeldTime & { seenAt: number }>();

  constructor(private readonly clock: Clock) {}

  /** What was just read or written: occupying appointments are remembered, others forgotten. */
  remember(appointments: readonly Appointment[]): void {
    const seenAt = this.clock.now().getTime();
    for (const appointment of appointments) {
      const key = keyOf(appointment.practiceId, appointment.id);
      // Re-inserted, so the Map's order stays oldest-seen first.
      this.held.delete(key);
      if (!OCCUPYING_STATUSES.includes(appointment.status)) continue;
      const startMs = Date.parse(appointment.start);
      const endMs = Date.parse(appointment.end);
      if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) continue;
      this.held.set(key, { providerId: appointment.providerId, startMs, endMs, seenAt });
    }
    for (const key of this.held.keys()) {
      if (this.held.size <= MAX_REMEMBERED) break;
      this.held.delete(key);
    }
  }

  /** The time the appointment held when last seen, if that was recent enough to trust. */
  heldTimeOf(practiceId: string, appointmentId: string): HeldTime | undefined {
    const entry = this.held.get(keyOf(practiceId, appointmentId));
    if (!entry || this.clock.now().getTime() - entry.seenAt > REMEMBER_MS) return undefined;
    return { providerId: entry.providerId, startMs: entry.startMs, endMs: entry.endMs };
  }
}

function keyOf(practiceId: string, appointmentId: string): string {
  return `${practiceId}\u0000${appointmentId}`;
}
