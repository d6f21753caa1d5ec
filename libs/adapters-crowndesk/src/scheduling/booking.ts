import type { BackendCallOptions, BookingRequest, BookingResult, Practice } from '@crowndesk/domain';
import { toAppointment } from './appointment-mapping';
import { appointmentBody, findBookingOf, isConflict } from './appointment-writes';
import type { SchedulingContext } from './context';

/**
 * Books the slot; CrownDesk re-checks the provider's time itself and answers 409 when it is taken.
 * Not started once the caller's signal has aborted; once sent, seen through (see AiAgentRoutes).
 */
export async function book(
  context: SchedulingContext,
  practice: Practice,
  request: BookingRequest,
  options: BackendCallOptions = {},
): Promise<BookingResult> {
  options.signal?.throwIfAborted();
  const result = await bookSlot(context, practice, request);
  if (result.status === 'booked') context.known.remember([result.appointment]);
  return result;
}

async function bookSlot(context: SchedulingContext, practice: Practice, request: BookingRequest): Promise<BookingResult> {
  const { patientId, slot, idempotencyKey } = request;
  const notes = `Booked by phone with the CrownDesk Voice receptionist (ref ${idempotencyKey}).`;
  try {
    const created = await context.routes.createAppointment(
      practice,
      appointmentBody(context, practice, patientId, slot, notes),
      idempotencyKey,
    );
    return { status: 'booked', appointment: toAppointment(practice, created, context.vocabulary, slot.operatoryId) };
  } catch (error) {
    if (!isConflict(error)) throw error;
    const existing = await findBookingOf(context, practice, patientId, slot);
    if (!existing) return { status: 'slot_taken' };
    context.logger.info(
      { practiceId: practice.id, appointmentId: existing.id },
      'Booking already in CrownDesk (replayed write): returning it',
    );
    return { status: 'booked', appointment: toAppointment(practice, existing, context.vocabulary, slot.operatoryId) };
  }
}
