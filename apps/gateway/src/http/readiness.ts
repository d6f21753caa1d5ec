/**
 * Readiness: may this instance take new calls? Liveness (/health) only says the process answers;
 * readiness also probes dependencies, and turns false for good once shutdown starts so the proxy
 * stops routing new calls here while live ones finish.
 */

export interface ReadinessCheck {
  /** Reported as a key of `checks`, e.g. "database". */
  name: string;
  /** Resolves when the dependency works; throws (or rejects) when it does not. */
  probe(): void | Promise<void>;
}

/**
 * What readiness reports without depending on it, e.g. whether the practice's backend answers: calls are still
 * taken while it is down (bookings are queued), so it must not turn the instance unready.
 */
export interface ReadinessDetail {
  /** Reported as a top-level key of the answer, e.g. "backend"; never "status" or "checks". */
  name: string;
  /** What to report; a detail that fails or hangs is reported as `{ status: 'unknown' }`. */
  read(): unknown;
}

/** Details by name, e.g. `{ backend: { status: 'up' }, outbox: { count: 0 } }`. */
export type ReadinessDetails = Record<string, unknown>;

/** The details that could not be read, with why (for the log, never for the answer). */
export type UnreadDetails = { detail: string; error: unknown }[];

export type ReadinessReport =
  | { status: 'ready'; checks: Record<string, 'ok'>; details: ReadinessDetails; unreadDetails: UnreadDetails }
  | {
      status: 'not_ready';
      checks: Record<string, 'ok' | 'failing'>;
      details: ReadinessDetails;
      unreadDetails: UnreadDetails;
      failures: { check: string; error: unknown }[];
    }
  | { status: 'draining' };

/** A probe that hangs is as bad as one that fails, and must not hang the health endpoint. */
const PROBE_TIMEOUT_MS = 2_000;

export class Readiness {
  #draining = false;

  constructor(
    private readonly checks: readonly ReadinessCheck[],
    private readonly details: readonly ReadinessDetail[] = [],
  ) {
    const reserved = details.find((detail) => detail.name === 'status' || detail.name === 'checks');
    if (reserved) throw new Error(`A readiness detail cannot be named "${reserved.name}"`);
  }

  get draining(): boolean {
    return this.#draining;
  }

  startDraining(): void {
    this.#draining = true;
  }

  async report(): Promise<ReadinessReport> {
    if (this.#draining) return { status: 'draining' };
    const reading = this.readDetails();
    const outcomes = await Promise.all(
      this.checks.map(async (check) => {
        try {
          await withTimeout(Promise.resolve().then(() => check.probe()), PROBE_TIMEOUT_MS, check.name);
          return { check: check.name, error: undefined };
        } catch (error) {
          return { check: check.name, error: error ?? new Error(`${check.name} check failed`) };
        }
      }),
    );
    const failures = outcomes.filter((outcome) => outcome.error !== undefined);
    const checks = Object.fromEntries(
      outcomes.map((outcome) => [outcome.check, outcome.error === undefined ? 'ok' : 'failing'] as const),
    );
    const { details, unreadDetails } = await reading;
    if (failures.length > 0) return { status: 'not_ready', checks, details, unreadDetails, failures };
    return { status: 'ready', checks: checks as Record<string, 'ok'>, details, unreadDetails };
  }

  private async readDetails(): Promise<{ details: ReadinessDetails; unreadDetails: UnreadDetails }> {
    const unreadDetails: UnreadDetails = [];
    const read = await Promise.all(
      this.details.map(async (detail) => {
        try {
          return [detail.name, await withTimeout(Promise.resolve().then(() => detail.read()), PROBE_TIMEOUT_MS, detail.name)] as const;
        } catch (error) {
          unreadDetails.push({ detail: detail.name, error: error ?? new Error(`${detail.name} could not be read`) });
          return [detail.name, { status: 'unknown' }] as const;
        }
      }),
    );
    return { details: Object.fromEntries(read), unreadDetails };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} check timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
