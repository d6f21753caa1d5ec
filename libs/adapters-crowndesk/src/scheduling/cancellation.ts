import type { CancelRequest, CancelResult, Practice } from '@crowndesk/domain';
import { holdsTime, toAppointment } from './appointment-mapping';
import { appointmentOfPatient, markCancelled } from './appointment-writes';
import type { SchedulingContext } from './context';

/**
 * Cancels one of the patient's appointments. The status route takes any appointment id of the tenant, so
 * we first check the appointment is this patient's. One that no longer holds its time (cancelled, or a
 * no-show) is reported as it stands: a replayed cancellation is a success, not an error.
 */
export async function cancel(context: SchedulingContext, practice: Practice, request: CancelRequest): Promise<CancelResult> {
  const { appointmentId, patientId, idempotencyKey } = request;
  const current = await appointmentOfPatient(context, practice, patientId, appointmentId);
  if (!current) return { status: 'not_found' };
  if (!holdsTime(current.status)) {
    return { status: 'cancelled', appointment: toAppointment(practice, current, context.vocabulary) };
  }
  const cancelled = await markCancelled(context, practice, patientId, appointmentId, idempotencyKey);
  if (!cancelled) return { status: 'not_found' };
  return { status: 'cancelled', appointment: toAppointment(practice, cancelled, context.vocabulary) };
}
