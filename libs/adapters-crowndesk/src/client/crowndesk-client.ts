import type { z } from 'zod';
import type { Logger, Practice } from '@crowndesk/domain';
import { fullJitterDelay } from './backoff';
import type { CredentialsFor } from './credentials';
import type { HttpMethod, RequestDescription, UnavailableReason } from './errors';
import { BackendProtocolError, BackendRejectedError, BackendUnavailableError } from './errors';
import type { CrownDeskClientOptions, ResolvedTunables, Sleep } from './options';
import { defaultSleep, resolveTunables } from './options';
import { parseSuccessBody, readErrorBody } from './response-body';

/**
 * Reads are safe to repeat. A write is repeated only because it carries an idempotency key, the same on every
 * attempt, so that the write (and our reconciliation of it) can recognise a replay.
 */
export type RequestIntent = { intent: 'read' } | { intent: 'write'; idempotencyKey: string };

export type CrownDeskRequest<T> = RequestIntent & {
  /** Whose credentials to send; null for the backend's public routes (health). */
  practice: Practice | null;
  method: HttpMethod;
  /** Path under the API prefix, e.g. `/ai-agent/patients/search`. */
  path: string;
  /** JSON body; omitted when undefined. */
  body?: unknown;
  /** Shape of the 2xx body; anything else is a BackendProtocolError. */
  response: z.ZodType<T>;
  /** The caller's cancellation (call ended, turn superseded): aborts at once, never retried. */
  signal?: AbortSignal;
  /** Overrides the client's maxAttempts for this request. */
  maxAttempts?: number;
};

type AttemptResult<T> = { ok: true; value: T } | { ok: false; reason: UnavailableReason; status?: number; cause?: unknown };

/**
 * JSON over HTTP to the CrownDesk backend, with per-practice service credentials, a per-attempt deadline,
 * bounded retries with full-jitter backoff, and typed errors. Logs method, path, status, duration and
 * attempt: never a body (PHI) and never a credential.
 */
export class CrownDeskClient {
  private readonly tunables: ResolvedTunables;
  private readonly credentialsFor: CredentialsFor;
  private readonly logger: Logger;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(options: CrownDeskClientOptions) {
    this.tunables = resolveTunables(options);
    this.credentialsFor = options.credentialsFor;
    this.logger = options.logger;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
  }

  async request<T>(request: CrownDeskRequest<T>): Promise<T> {
    if (request.intent === 'write' && request.idempotencyKey.trim() === '') {
      throw new Error(`CrownDesk ${request.method} ${request.path}: a write needs a non-empty idempotency key`);
    }
    const description: RequestDescription = { method: request.method, path: this.tunables.apiPrefix + request.path };
    const maxAttempts = Math.max(1, Math.floor(request.maxAttempts ?? this.tunables.maxAttempts));
    let last: Extract<AttemptResult<T>, { ok: false }> | undefined;
    let attempt = 0;
    while (attempt < maxAttempts) {
      if (attempt > 0) {
        await this.sleep(
          fullJitterDelay(attempt, this.tunables.backoffBaseMs, this.tunables.backoffMaxMs, this.random),
          request.signal,
        );
      }
      attempt += 1;
      const result = await this.attempt(request, description, attempt);
      if (result.ok) return result.value;
      last = result;
    }
    const failure = last as Extract<AttemptResult<T>, { ok: false }>;
    throw new BackendUnavailableError(
      description,
      { reason: failure.reason, status: failure.status, attempts: attempt },
      failure.cause === undefined ? undefined : { cause: failure.cause },
    );
  }

  /** One try. Returns a retryable failure, or throws what retrying cannot fix (4xx, bad body, caller abort). */
  private async attempt<T>(
    request: CrownDeskRequest<T>,
    description: RequestDescription,
    attempt: number,
  ): Promise<AttemptResult<T>> {
    const deadline = AbortSignal.timeout(this.tunables.timeoutMs);
    const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
    const fields = { practiceId: request.practice?.id, method: description.method, path: description.path, attempt };
    const started = performance.now();
    let status: number;
    let text: string;
    try {
      const response = await fetch(this.tunables.baseUrl.replace(/\/+$/, '') + description.path, {
        method: request.method,
        headers: this.headersOf(request),
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      const reason: UnavailableReason = deadline.aborted ? 'timeout' : 'connection';
      this.logger.warn({ ...fields, reason, durationMs: elapsed(started) }, 'CrownDesk request failed');
      return { ok: false, reason, cause: error };
    }
    const logged = { ...fields, status, durationMs: elapsed(started) };

    if (status >= 500) {
      this.logger.warn(logged, 'CrownDesk server error');
      return { ok: false, reason: 'server_error', status };
    }
    if (status >= 400) {
      if (status === 401 || status === 403) {
        this.logger.error(logged, 'CrownDesk refused our service credentials: check the practice API key and tenant id');
      } else {
        this.logger.info(logged, 'CrownDesk rejected a request');
      }
      throw new BackendRejectedError(description, { status, ...readErrorBody(text) });
    }
    if (status < 200 || status >= 300) {
      this.logger.warn(logged, 'CrownDesk answered an unexpected status');
      throw new BackendProtocolError(description, { status, problem: 'unexpected_status', detail: 'expected 2xx' });
    }
    this.logger.debug(logged, 'CrownDesk request done');
    return { ok: true, value: parseSuccessBody(text, request.response, description, status) };
  }

  private headersOf(request: CrownDeskRequest<unknown>): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (request.practice) {
      const credentials = this.credentialsFor(request.practice);
      headers['authorization'] = `Bearer ${credentials.apiKey}`;
      headers['x-tenant-id'] = credentials.tenantId;
    }
    if (request.intent === 'write') headers['idempotency-key'] = request.idempotencyKey;
    return headers;
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
