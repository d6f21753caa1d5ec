import type { Practice, Slot } from '@crowndesk/domain';
import { BackendRejectedError } from '../client/errors';
import type { NewAppointmentBody } from '../wire/ai-agent-routes';
import type { AppointmentWire } from '../wire/appointment-wire';
import { holdsTime } from './appointment-mapping';
import type { SchedulingContext } from './context';

/** The create-appointment body for a slot. `notes` shows staff where the booking came from. */
export function appointmentBody(
  context: SchedulingContext,
  practice: Practice,
  patientId: string,
  slot: Slot,
  notes: string,
): NewAppointmentBody {
  return {
    patientId,
    startTime: slot.start,
    endTime: slot.end,
    appointmentType: context.vocabulary.backendTypeOf(slot.typeCode),
    provider: context.vocabulary.backendProviderOf(practice, slot.providerId),
    status: 'scheduled',
    notes,
  };
}

/** CrownDesk's answer when the provider's time is held by another live appointment. */
export function isConflict(error: unknown): error is BackendRejectedError {
  return error instanceof BackendRejectedError && error.status === 409;
}

/** Is this row the patient's live booking of exactly that slot (same start, end and provider)? */
export function isBookingOf(
  context: SchedulingContext,
  practice: Practice,
  wire: AppointmentWire,
  patientId: string,
  slot: Slot,
): boolean {
  return (
    wire.patientId === patientId &&
    holdsTime(wire.status) &&
    Date.parse(wire.startTime) === Date.parse(slot.start) &&
    Date.parse(wire.endTime) === Date.parse(slot.end) &&
    context.vocabulary.providerIdOf(practice, wire) === slot.providerId
  );
}

/**
 * After a 409, is the holder of the time the patient's own booking of that slot? CrownDesk has no
 * idempotency store, so a replayed create (our retry after a lost answer, or the outbox) meets the row its
 * first attempt created as a conflict: then the booking stands and we return it.
 */
export async function findBookingOf(
  context: SchedulingContext,
  practice: Practice,
  patientId: string,
  slot: Slot,
  exceptId?: string,
): Promise<AppointmentWire | undefined> {
  const appointments = await context.routes.patientAppointments(practice, patientId);
  return appointments.find((wire) => wire.id !== exceptId && isBookingOf(context, practice, wire, patientId, slot));
}

/** The patient's appointment with that id, if it is theirs (never act on another patient's appointment). */
export async function appointmentOfPatient(
  context: SchedulingContext,
  practice: Practice,
  patientId: string,
  appointmentId: string,
  signal?: AbortSignal,
): Promise<AppointmentWire | undefined> {
  const appointments = await context.routes.patientAppointments(practice, patientId, signal);
  return appointments.find((wire) => wire.id === appointmentId && wire.patientId === patientId);
}

/**
 * Marks the appointment cancelled; null when CrownDesk does not know it. CrownDesk refuses
 * cancelled -> cancelled with a 400, which is what a replay of a cancellation that already landed meets:
 * we then re-read, and a cancelled appointment is success.
 */
export async function markCancelled(
  context: SchedulingContext,
  practice: Practice,
  patientId: string,
  appointmentId: string,
  idempotencyKey: string,
): Promise<AppointmentWire | null> {
  try {
    return await context.routes.updateAppointmentStatus(practice, { appointmentId, status: 'cancelled' }, idempotencyKey);
  } catch (error) {
    if (error instanceof BackendRejectedError && error.status === 404) return null;
    if (error instanceof BackendRejectedError && error.status === 400) {
      const current = await appointmentOfPatient(context, practice, patientId, appointmentId);
      if (current?.status === 'cancelled') return current;
    }
    throw error;
  }
}
