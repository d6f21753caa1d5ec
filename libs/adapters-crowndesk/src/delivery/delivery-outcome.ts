import type { DeliveryOutcome } from '@crowndesk/domain';
import { BackendProtocolError, BackendRejectedError, BackendUnavailableError } from '../client/errors';

/**
 * What a CrownDesk failure means for a queued write. Transient failures are retried with the same key, and
 * so are the 4xx that staff or time fix without touching the message: 401/403 (a bad or rotated API key: a
 * configuration fault must not park every call of the day), 408 and 429. Other 4xx are final for this
 * message: it is parked for staff. A 2xx with an unexpected body is retried: the write probably landed,
 * and its replay will tell. Anything else is not a CrownDesk answer: rethrown, and the relay retries it.
 */
export function outcomeOfFailure(error: unknown): DeliveryOutcome {
  if (error instanceof BackendUnavailableError) {
    return { status: 'retry', reason: error.status === undefined ? error.reason : `${error.reason}_${error.status}` };
  }
  if (error instanceof BackendRejectedError) {
    if (error.kind === 'auth') return { status: 'retry', reason: `auth_${error.status}` };
    if (error.status === 408 || error.status === 429) return { status: 'retry', reason: `http_${error.status}` };
    return { status: 'rejected', reason: `http_${error.status}` };
  }
  if (error instanceof BackendProtocolError) return { status: 'retry', reason: `protocol_${error.problem}` };
  throw error;
}
