import type { BackendCallOptions, Practice, RescheduleRequest, RescheduleResult } from '@crowndesk/domain';
import type { NewAppointmentBody } from '../wire/ai-agent-routes';
import type { AppointmentWire, BackendAppointmentType } from '../wire/appointment-wire';
import { BACKEND_APPOINTMENT_TYPES } from '../wire/appointment-wire';
import { holdsTime, toAppointment } from './appointment-mapping';
import { appointmentBody, findBookingOf, isBookingOf, isConflict, markCancelled } from './appointment-writes';
import type { SchedulingContext } from './context';

type Replacement = { booked: AppointmentWire; previousReleased: boolean } | 'slot_taken';

/**
 * CrownDesk has no "rescheduled" status and no move route: a reschedule is a new appointment for the new
 * slot, then the old one marked cancelled (its nearest status). Booking first means a failure leaves the
 * patient with their old time, never with none. Each write has its own key derived from the request's
 * (`<key>:book`, `<key>:release`), and every step recognises its own replay, so the whole operation can
 * be repeated with the same key until it completes.
 *
 * The caller's signal stops the opening read. Once the first write is sent, every step is seen through
 * whatever the signal says: stopping between them could leave the patient with two appointments, or none.
 */
export async function reschedule(
  context: SchedulingContext,
  practice: Practice,
  request: RescheduleRequest,
  options: BackendCallOptions = {},
): Promise<RescheduleResult> {
  const result = await move(context, practice, request, options.signal);
  if (result.status === 'rescheduled') context.known.remember([result.previous, result.appointment]);
  return result;
}

async function move(
  context: SchedulingContext,
  practice: Practice,
  request: RescheduleRequest,
  signal: AbortSignal | undefined,
): Promise<RescheduleResult> {
  const { appointmentId, patientId, newSlot, idempotencyKey } = request;
  const appointments = await context.routes.patientAppointments(practice, patientId, signal);
  const previous = appointments.find((wire) => wire.id === appointmentId && wire.patientId === patientId);
  if (!previous) return { status: 'not_found' };
  const alreadyBooked = appointments.find(
    (wire) => wire.id !== previous.id && isBookingOf(context, practice, wire, patientId, newSlot),
  );
  if (!holdsTime(previous.status)) {
    // Either a replay of a reschedule that completed, or the appointment was cancelled meanwhile.
    return alreadyBooked ? rescheduled(context, practice, previous, alreadyBooked, newSlot.operatoryId) : { status: 'not_found' };
  }

  signal?.throwIfAborted();
  const replacement: Replacement = alreadyBooked
    ? { booked: alreadyBooked, previousReleased: false }
    : await bookReplacement(context, practice, request, previous);
  if (replacement === 'slot_taken') return { status: 'slot_taken' };

  let released = previous;
  if (!replacement.previousReleased) {
    const cancelled = await markCancelled(context, practice, patientId, previous.id, `${idempotencyKey}:release`);
    if (cancelled) released = cancelled;
  }
  return rescheduled(context, practice, released, replacement.booked, newSlot.operatoryId);
}

async function bookReplacement(
  context: SchedulingContext,
  practice: Practice,
  request: RescheduleRequest,
  previous: AppointmentWire,
): Promise<Replacement> {
  const { patientId, newSlot, idempotencyKey } = request;
  const notes = `Rescheduled by phone with the CrownDesk Voice receptionist from appointment ${previous.id} (ref ${idempotencyKey}).`;
  const body = appointmentBody(context, practice, patientId, newSlot, notes);
  try {
    return { booked: await context.routes.createAppointment(practice, body, `${idempotencyKey}:book`), previousReleased: false };
  } catch (error) {
    if (!isConflict(error)) throw error;
    const mine = await findBookingOf(context, practice, patientId, newSlot, previous.id);
    if (mine) return { booked: mine, previousReleased: false };
    if (error.conflictingAppointmentId === previous.id) return moveOverItself(context, practice, request, previous, body);
    return 'slot_taken';
  }
}

/**
 * The new time overlaps the appointment being moved (e.g. "half an hour later, same hygienist"): CrownDesk
 * counts the old appointment as a clash, so it is released first. If the new booking then fails, the old
 * time is booked again, so the patient still has it.
 */
async function moveOverItself(
  context: SchedulingContext,
  practice: Practice,
  request: RescheduleRequest,
  previous: AppointmentWire,
  body: NewAppointmentBody,
): Promise<Replacement> {
  const { patientId, idempotencyKey } = request;
  await markCancelled(context, practice, patientId, previous.id, `${idempotencyKey}:release`);
  try {
    return { booked: await context.routes.createAppointment(practice, body, `${idempotencyKey}:book`), previousReleased: true };
  } catch (error) {
    if (!isConflict(error)) {
      // A timed-out create may still have landed: then the move is done, and restoring would clash with it.
      const landed = await findBookingOf(context, practice, patientId, request.newSlot, previous.id).catch(() => undefined);
      if (landed) return { booked: landed, previousReleased: true };
    }
    await restore(context, practice, previous, idempotencyKey, error);
    if (isConflict(error)) return 'slot_taken';
    throw error;
  }
}

async function restore(
  context: SchedulingContext,
  practice: Practice,
  previous: AppointmentWire,
  idempotencyKey: string,
  failure: unknown,
): Promise<void> {
  const body: NewAppointmentBody = {
    patientId: previous.patientId,
    startTime: previous.startTime,
    endTime: previous.endTime,
    appointmentType: asBackendType(previous.appointmentType),
    provider: previous.provider,
    status: 'scheduled',
    notes: `Restored by the CrownDesk Voice receptionist after a failed reschedule of appointment ${previous.id} (ref ${idempotencyKey}).`,
  };
  try {
    const restored = await context.routes.createAppointment(practice, body, `${idempotencyKey}:restore`);
    context.logger.warn(
      { practiceId: practice.id, appointmentId: previous.id, restoredAs: restored.id },
      'Reschedule failed after releasing the old time: the old time was booked again',
    );
  } catch (restoreError) {
    context.logger.error(
      { practiceId: practice.id, appointmentId: previous.id },
      'Reschedule failed and the old time could not be booked again: staff must rebook this patient',
    );
    throw new Error(`Reschedule of appointment ${previous.id} failed and its old time could not be restored`, {
      cause: new AggregateError([failure, restoreError]),
    });
  }
}

function asBackendType(value: string): BackendAppointmentType {
  return (BACKEND_APPOINTMENT_TYPES as readonly string[]).includes(value) ? (value as BackendAppointmentType) : 'treatment';
}

function rescheduled(
  context: SchedulingContext,
  practice: Practice,
  previous: AppointmentWire,
  booked: AppointmentWire,
  operatoryId: string,
): RescheduleResult {
  return {
    status: 'rescheduled',
    // The domain's word for what happened to it; CrownDesk records it as cancelled.
    previous: { ...toAppointment(practice, previous, context.vocabulary), status: 'rescheduled' },
    appointment: toAppointment(practice, booked, context.vocabulary, operatoryId),
  };
}
