/** Why the practice's backend could not be reached in time. */
export type BackendUnavailableReason = 'timeout' | 'connection' | 'server_error';

/**
 * The practice's backend did not answer usefully (timeout, connection refused, 5xx) for a write that carries an
 * idempotency key: the write may or may not have happened, and it is safe to queue it in the outbox and replay
 * it with the same key. Backend adapters throw this (mapping their own transport errors to it), so the domain
 * can decide to queue without knowing any vendor. The message names no PHI.
 */
export class SchedulingBackendUnavailableError extends Error {
  override readonly name = 'SchedulingBackendUnavailableError';

  constructor(
    readonly reason: BackendUnavailableReason,
    options?: ErrorOptions,
  ) {
    super(`The practice's scheduling backend is unavailable (${reason}): the write may be queued and replayed`, options);
  }
}

export function isSchedulingBackendUnavailable(error: unknown): error is SchedulingBackendUnavailableError {
  return error instanceof SchedulingBackendUnavailableError;
}
