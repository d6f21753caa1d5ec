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

export type ReadinessReport =
  | { status: 'ready'; checks: Record<string, 'ok'> }
  | { status: 'not_ready'; checks: Record<string, 'ok' | 'failing'>; failures: { check: string; error: unknown }[] }
  | { status: 'draining' };

/** A probe that hangs is as bad as one that fails, and must not hang the health endpoint. */
const PROBE_TIMEOUT_MS = 2_000;

export class Readiness {
  #draining = false;

  constructor(private readonly checks: readonly ReadinessCheck[]) {}

  get draining(): boolean {
    return this.#draining;
  }

  startDraining(): void {
    this.#draining = true;
  }

  async report(): Promise<ReadinessReport> {
    if (this.#draining) return { status: 'draining' };
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
    if (failures.length > 0) return { status: 'not_ready', checks, failures };
    return { status: 'ready', checks: checks as Record<string, 'ok'> };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} check timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
