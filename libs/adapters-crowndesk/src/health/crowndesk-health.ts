import { z } from 'zod';
import type { CrownDeskClient } from '../client/crowndesk-client';
import { BackendProtocolError, BackendRejectedError, BackendUnavailableError } from '../client/errors';

export type HealthDownReason = 'timeout' | 'connection' | 'server_error' | 'rejected' | 'unexpected_response';

export type HealthReport =
  | { status: 'up'; durationMs: number }
  | { status: 'down'; reason: HealthDownReason; httpStatus?: number; durationMs: number };

/** `GET /api/health` (public, no credentials) answers `{status: "ok", timestamp, service, version}`. */
const healthBody = z.object({ status: z.literal('ok') });

/** Is CrownDesk reachable? One attempt, no credentials, never throws for a backend failure (readiness probes). */
export class CrownDeskHealth {
  constructor(private readonly client: CrownDeskClient) {}

  async check(signal?: AbortSignal): Promise<HealthReport> {
    const started = performance.now();
    const durationMs = () => Math.round(performance.now() - started);
    try {
      await this.client.request({
        intent: 'read',
        practice: null,
        method: 'GET',
        path: '/health',
        response: healthBody,
        maxAttempts: 1,
        ...(signal ? { signal } : {}),
      });
      return { status: 'up', durationMs: durationMs() };
    } catch (error) {
      if (error instanceof BackendUnavailableError) {
        return { status: 'down', reason: error.reason, ...statusOf(error.status), durationMs: durationMs() };
      }
      if (error instanceof BackendRejectedError) {
        return { status: 'down', reason: 'rejected', httpStatus: error.status, durationMs: durationMs() };
      }
      if (error instanceof BackendProtocolError) {
        return { status: 'down', reason: 'unexpected_response', httpStatus: error.status, durationMs: durationMs() };
      }
      throw error;
    }
  }
}

function statusOf(status: number | undefined): { httpStatus?: number } {
  return status === undefined ? {} : { httpStatus: status };
}
