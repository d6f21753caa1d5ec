import type { BackendCallOptions, CancelRequest, CancelResult, Practice } from '@crowndesk/domain';
import { holdsTime, toAppointment } from './appointment-mapping';
import { appointmentOfPatient, markCancelled } from './appointment-writes';
import type { SchedulingContext } from './context';

/**
 * Cancels one of the patient's appointments. The status route takes any appointment id of the tenant, so
 * we first check the appointment is this patient's. One that no longer holds its time (cancelled, or a
 * no-show) is reported as it stands: a replayed cancellation is a success, not an error.
 * The caller's signal stops the check; once the cancellation is sent, it is seen through.
 */
export async function cancel(
  context: SchedulingContext,
  practice: Practice,
  request: CancelRequest,
  options: BackendCallOptions = {},
): Promise<CancelResult> {
  const { appointmentId, patientId, idempotencyKey } = request;
  const current = await appointmentOfPatient(context, practice, patientId, appointmentId, options.signal);
  if (!current) return { status: 'not_found' };
  if (!holdsTime(current.status)) {
    return { status: 'cancelled', appointment: toAppointment(practice, current, context.vocabulary) };
  }
  options.signal?.throwIfAborted();
  const cancelled = await markCancelled(context, practice, patientId, appointmentId, idempotencyKey);
  if (!cancelled) return { status: 'not_found' };
  const appointment = toAppointment(practice, cancelled, context.vocabulary);
  context.known.remember([appointment]);
  return { status: 'cancelled', appointment };
}
