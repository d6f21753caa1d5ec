import {
  DEMO_AGENT_ID,
  DEMO_PHONE_NUMBER,
  DEMO_PRACTICE,
  openEmbeddedDatabase,
  savePractice,
  SqliteCallEventInbox,
  SqliteCallLog,
} from '@crowndesk/adapters-sqlite';
import type { CallRecord, Clock } from '@crowndesk/domain';
import type { GatewayOverrides } from '../../src/server';
import { TEST_API_KEY, TEST_TENANT_ID, type CrownDeskTestBackend } from './backend-crowndesk-server';
import { makeDataDir, startTestGateway, type TestGateway } from './test-gateway';
import { silentLogger } from '@crowndesk/testing';

export const RETELL_TEST_API_KEY = 'key_retell_webhook_test_0123456789';

/** Tuesday 24 November 2026, 10:00 in New York (the practice's zone): 2 December is next week. */
export const TEST_START = new Date('2026-11-24T15:00:00Z');

/**
 * A clock that starts at `start` and then runs at the real rate: the conversation's dates are fixed, and the
 * relay's backoff (due times from this clock) still comes due.
 */
export function runningFrom(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/**
 * A fast relay and quick call finishing, so a test sees delivery within a second of the backend coming back
 * (production: 2 s doubling to 5 min, 5 s polls, 15 s reconnect grace).
 */
export const FAST_OVERRIDES: GatewayOverrides = {
  outboxRelay: { pollIntervalMs: 200, retry: { baseDelayMs: 200, maxDelayMs: 600, minDelayMs: 50 } },
  retellFinishGraceMs: 50,
};

/**
 * Configures the demo practice in a data directory, as an operator configures theirs (`savePractice`): with a
 * backend the gateway seeds nothing, and a call is answered only for a practice the directory knows.
 */
export function configurePractice(dataDir: string): void {
  const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
  try {
    savePractice(database, DEMO_PRACTICE, { phoneNumbers: [DEMO_PHONE_NUMBER], voiceAgentIds: [DEMO_AGENT_ID] });
  } finally {
    database.close();
  }
}

/** The environment of a gateway pointed at the test backend. */
export function backendEnvironment(backend: CrownDeskTestBackend, extra: Record<string, string> = {}): Record<string, string> {
  return {
    BACKEND_URL: backend.url,
    BACKEND_API_KEY: TEST_API_KEY,
    BACKEND_TENANT_ID: TEST_TENANT_ID,
    RETELL_API_KEY: RETELL_TEST_API_KEY,
    ...extra,
  };
}

/** A real gateway in backend mode on a fresh (or given) data directory with the demo practice configured. */
export async function startBackendGateway(
  backend: CrownDeskTestBackend,
  options: { dataDir?: string; env?: Record<string, string>; overrides?: GatewayOverrides } = {},
): Promise<TestGateway> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  if (!options.dataDir) configurePractice(dataDir);
  return startTestGateway({
    dataDir,
    env: backendEnvironment(backend, options.env),
    overrides: { clock: runningFrom(TEST_START), ...FAST_OVERRIDES, ...options.overrides },
  });
}

/** What the gateway keeps in SQLite about a call, read on a second connection (WAL: safe while it runs). */
export function storedCall(dataDir: string, callId: string): { record: CallRecord | null; events: string[] } {
  const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
  try {
    const events = new SqliteCallEventInbox(database).receivedEvents(callId).map((event) => `${event.source}/${event.event}`);
    return { record: new SqliteCallLog(database).findCall(callId), events };
  } finally {
    database.close();
  }
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ReadinessBody {
  status: string;
  checks: Record<string, string>;
  backend?: { status: string; reason?: string; httpStatus?: number; durationMs: number };
  outbox?: { count: number; oldestAgeMs: number | null; rejected: number };
}

export async function readiness(gatewayUrl: string): Promise<{ status: number; body: ReadinessBody }> {
  const response = await fetch(`${gatewayUrl}/health/ready`);
  return { status: response.status, body: (await response.json()) as ReadinessBody };
}
