import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import type { Logger } from '@crowndesk/domain';
import type { CredentialsFor } from './credentials';

/** Tunables of the HTTP client. Defaults suit a live phone turn: one quick retry, then give up. */
const tunablesSchema = z.object({
  /** Origin (and optional base path) of the backend, e.g. https://cdapi.example.com */
  baseUrl: z.url(),
  /**
   * Route prefix: `/api` on the deployed (serverless) entrypoint. The stand-alone `main.ts` also enables URI
   * versioning, which makes it `/api/v1`.
   */
  apiPrefix: z
    .string()
    .regex(/^(\/[A-Za-z0-9._-]+)*$/, 'expected "" or "/segment[/segment...]"')
    .default('/api'),
  /** Deadline of one attempt (connect, headers and body). */
  timeoutMs: z.number().int().positive().default(2_500),
  /** Attempts per request, first included. 1 disables retries. */
  maxAttempts: z.number().int().min(1).max(10).default(2),
  backoffBaseMs: z.number().int().nonnegative().default(100),
  backoffMaxMs: z.number().int().nonnegative().default(1_000),
});

export type CrownDeskClientTunables = z.input<typeof tunablesSchema>;
export type ResolvedTunables = z.output<typeof tunablesSchema>;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface CrownDeskClientOptions extends CrownDeskClientTunables {
  credentialsFor: CredentialsFor;
  logger: Logger;
  /** Waits between attempts; injectable so tests run instantly. Must reject when `signal` aborts. */
  sleep?: Sleep;
  /** Uniform [0, 1) source for the backoff jitter; injectable for deterministic tests. */
  random?: () => number;
}

export const defaultSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

export function resolveTunables(options: CrownDeskClientTunables): ResolvedTunables {
  const parsed = tunablesSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`Invalid CrownDeskClient options: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}
