import type { SchedulingBackend } from '@crowndesk/domain';
import { SchedulingBackendUnavailableError } from '@crowndesk/domain';
import { BackendUnavailableError } from '../client/errors';

/**
 * The domain's word for "CrownDesk did not answer; the write may be queued and replayed with its key"
 * (timeout, connection refused, 5xx after every attempt). Other errors pass through unchanged.
 */
export function toDomainError(error: unknown): unknown {
  if (error instanceof BackendUnavailableError) return new SchedulingBackendUnavailableError(error.reason, { cause: error });
  return error;
}

/**
 * The scheduling backend, throwing the domain's SchedulingBackendUnavailableError instead of the client's
 * BackendUnavailableError, so the domain can queue a booking (PendingBookingStore) without knowing CrownDesk.
 */
export function withDomainErrors(backend: SchedulingBackend): SchedulingBackend {
  const mapped = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw toDomainError(error);
    }
  };
  // Every argument is passed on as given (options such as an abort signal included).
  return {
    openSlots: (...args) => mapped(() => backend.openSlots(...args)),
    findPatients: (...args) => mapped(() => backend.findPatients(...args)),
    registerPatient: (...args) => mapped(() => backend.registerPatient(...args)),
    appointmentsOf: (...args) => mapped(() => backend.appointmentsOf(...args)),
    book: (...args) => mapped(() => backend.book(...args)),
    reschedule: (...args) => mapped(() => backend.reschedule(...args)),
    cancel: (...args) => mapped(() => backend.cancel(...args)),
  };
}
