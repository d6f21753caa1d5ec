import type { Appointment, BackendCallOptions, Practice } from '@crowndesk/domain';
import { toAppointment } from './appointment-mapping';
import type { SchedulingContext } from './context';
import { instantOf, localMomentOf } from './practice-calendar';

/**
 * The patient's appointments from the start of today (the practice's today) on, any status, soonest first.
 * The route cannot filter by date; it returns the newest 100 by start, which are the ones we want.
 */
export async function appointmentsOf(
  context: SchedulingContext,
  practice: Practice,
  patientId: string,
  options: BackendCallOptions = {},
): Promise<Appointment[]> {
  const today = localMomentOf(context.clock.now().getTime(), practice.timeZone).date;
  const startOfToday = instantOf(today, 0, practice.timeZone);
  const rows = await context.routes.patientAppointments(practice, patientId, options.signal);
  const appointments = rows
    .filter((wire) => wire.patientId === patientId && Date.parse(wire.startTime) >= startOfToday)
    .map((wire) => toAppointment(practice, wire, context.vocabulary))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  // The caller may next move one of them: a slot search can then ignore its time.
  context.known.remember(appointments);
  return appointments;
}
