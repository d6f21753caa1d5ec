import type { Appointment, AppointmentStatus, Practice } from '@crowndesk/domain';
import type { AppointmentWire, BackendAppointmentStatus } from '../wire/appointment-wire';
import type { BackendVocabulary } from './vocabulary';

/**
 * CrownDesk's visit lifecycle folded into the domain's booking statuses. Checked-in, in-progress and
 * completed visits still hold their time (the booking stands); a no-show no longer does, exactly as the
 * backend's own conflict check treats it, so it reads as cancelled.
 */
const STATUS: Record<BackendAppointmentStatus, AppointmentStatus> = {
  scheduled: 'scheduled',
  confirmed: 'confirmed',
  checked_in: 'confirmed',
  in_progress: 'confirmed',
  completed: 'confirmed',
  cancelled: 'cancelled',
  no_show: 'cancelled',
};

/** Statuses whose appointment still holds its provider's time in CrownDesk. */
export function holdsTime(status: BackendAppointmentStatus): boolean {
  return status !== 'cancelled' && status !== 'no_show';
}

export function toAppointment(
  practice: Practice,
  wire: AppointmentWire,
  vocabulary: BackendVocabulary,
  fallbackOperatoryId?: string,
): Appointment {
  return {
    id: wire.id,
    practiceId: practice.id,
    patientId: wire.patientId,
    typeCode: vocabulary.typeCodeOf(practice, wire.appointmentType),
    providerId: vocabulary.providerIdOf(practice, wire),
    operatoryId: vocabulary.operatoryIdOf(practice, wire, fallbackOperatoryId),
    start: wire.startTime,
    end: wire.endTime,
    status: STATUS[wire.status],
  };
}
