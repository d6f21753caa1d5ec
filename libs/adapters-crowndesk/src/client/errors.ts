/**
 * Typed failures of a CrownDesk request. Messages name the method, path and status only: request and
 * response bodies hold PHI and never appear in an error message.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

export interface RequestDescription {
  method: HttpMethod;
  /** Full path, e.g. /api/ai-agent/appointments. Our paths carry no ids or PHI. */
  path: string;
}

export abstract class CrownDeskError extends Error {
  readonly method: HttpMethod;
  readonly path: string;

  protected constructor(message: string, request: RequestDescription, options?: ErrorOptions) {
    super(message, options);
    this.method = request.method;
    this.path = request.path;
  }
}

/** Why the backend could not be reached in time. */
export type UnavailableReason = 'timeout' | 'connection' | 'server_error';

/**
 * The backend did not answer usefully (timeout, connection refused/reset, 5xx) after every allowed attempt.
 * The action may or may not have happened; a caller holding an idempotency key may queue it and replay it.
 */
export class BackendUnavailableError extends CrownDeskError {
  override readonly name = 'BackendUnavailableError';
  readonly reason: UnavailableReason;
  /** HTTP status of the last attempt, when the backend answered 5xx. */
  readonly status: number | undefined;
  readonly attempts: number;

  constructor(
    request: RequestDescription,
    failure: { reason: UnavailableReason; status?: number; attempts: number },
    options?: ErrorOptions,
  ) {
    const status = failure.status === undefined ? '' : ` ${failure.status}`;
    super(
      `CrownDesk ${request.method} ${request.path} unavailable: ${failure.reason}${status} after ${failure.attempts} attempt(s)`,
      request,
      options,
    );
    this.reason = failure.reason;
    this.status = failure.status;
    this.attempts = failure.attempts;
  }
}

export type RejectionKind = 'validation' | 'auth' | 'not_found' | 'conflict' | 'other';

export function rejectionKindOf(status: number): RejectionKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  return 'other';
}

/**
 * The backend answered 4xx: the request as sent will never succeed, so it is not retried.
 * `backendMessage` is the backend's own reason; it may quote patient data (e.g. a duplicate patient's name),
 * so it is kept for decisions in code and must never be logged.
 */
export class BackendRejectedError extends CrownDeskError {
  override readonly name = 'BackendRejectedError';
  readonly status: number;
  readonly kind: RejectionKind;
  readonly backendMessage: string | undefined;
  /** On 409: the id of the appointment that holds the time (an id, not PHI). */
  readonly conflictingAppointmentId: string | undefined;

  constructor(
    request: RequestDescription,
    rejection: { status: number; backendMessage?: string; conflictingAppointmentId?: string },
  ) {
    const kind = rejectionKindOf(rejection.status);
    super(`CrownDesk rejected ${request.method} ${request.path}: ${rejection.status} (${kind})`, request);
    this.status = rejection.status;
    this.kind = kind;
    this.backendMessage = rejection.backendMessage;
    this.conflictingAppointmentId = rejection.conflictingAppointmentId;
  }
}

export type ProtocolProblem = 'malformed_json' | 'unexpected_shape' | 'unexpected_status';

/** The backend answered, but not in the shape its contract promises. Not retried: it is not transient. */
export class BackendProtocolError extends CrownDeskError {
  override readonly name = 'BackendProtocolError';
  readonly status: number;
  readonly problem: ProtocolProblem;

  constructor(request: RequestDescription, failure: { status: number; problem: ProtocolProblem; detail: string }) {
    super(
      `CrownDesk ${request.method} ${request.path} answered ${failure.status} with ${failure.problem}: ${failure.detail}`,
      request,
    );
    this.status = failure.status;
    this.problem = failure.problem;
  }
}
