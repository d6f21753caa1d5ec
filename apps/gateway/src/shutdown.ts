import type { Server } from 'node:http';
import type { Logger } from '@crowndesk/domain';
import type { Readiness } from './http/readiness';
import type { CallSocketHandler } from './ws/call-socket-handler';
import type { UpgradeRouter } from './ws/upgrade-router';

/**
 * Graceful shutdown for a deploy. Readiness turns 503 and new calls are refused at once, while the port
 * keeps answering: the platform's health check sees "draining" and routes new calls to another instance,
 * and webhooks about calls still in progress here are still received. Live calls get the grace period to end
 * on their own; what is left is closed with 1001 "going away" (Retell and Twilio read that as the server
 * leaving, not as a hangup). Only then does the port close and the database get released.
 */

export const GOING_AWAY = 1001;
const POLL_INTERVAL_MS = 100;
/** After the 1001 close frame, how long a peer gets to answer before its socket is cut. */
const CLOSE_HANDSHAKE_MS = 2_000;
/** How long HTTP requests already in flight get once the port is closed. */
const IN_FLIGHT_REQUESTS_MS = 1_000;

/** Live calls of another transport (Twilio), drained alongside the Retell calls. */
export type LiveCalls = Pick<CallSocketHandler, 'activeCalls' | 'drain'>;

export interface ShutdownParts {
  server: Server;
  readiness: Readiness;
  upgrades: UpgradeRouter;
  calls: CallSocketHandler;
  moreCalls?: readonly LiveCalls[];
  graceMs: number;
  logger: Logger;
  /** Releases what the container owns (the database); runs last. */
  release(): Promise<void>;
}

export async function shutDown(parts: ShutdownParts): Promise<void> {
  const { server, readiness, upgrades, logger } = parts;
  const calls = [parts.calls, ...(parts.moreCalls ?? [])];
  const activeCalls = () => calls.reduce((total, each) => total + each.activeCalls(), 0);
  const startedAt = Date.now();
  readiness.startDraining();
  logger.info({ activeCalls: activeCalls(), graceMs: parts.graceMs }, 'shutting down: draining calls');

  const allEnded = await waitUntil(() => activeCalls() === 0, parts.graceMs);
  if (!allEnded) logger.warn({ activeCalls: activeCalls() }, 'grace period over: closing live calls with 1001');
  await Promise.all(calls.map((each) => each.drain(GOING_AWAY)));
  await closeWebSockets(upgrades);

  const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await Promise.race([serverClosed, delay(IN_FLIGHT_REQUESTS_MS)]);
  server.closeAllConnections();
  await serverClosed;

  await parts.release();
  logger.info({ durationMs: Date.now() - startedAt }, 'shutdown complete');
}

/** Polls until the condition holds (true) or the time is up (false). */
async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await delay(Math.min(POLL_INTERVAL_MS, left));
  }
  return true;
}

/** Any socket the call handler did not close (or whose peer ignores the close) is closed, then cut. */
async function closeWebSockets(upgrades: UpgradeRouter): Promise<void> {
  const sockets = upgrades.openSockets();
  for (const socket of sockets) socket.close(GOING_AWAY, 'server shutting down');
  await waitUntil(() => sockets.every((socket) => socket.readyState === socket.CLOSED), CLOSE_HANDSHAKE_MS);
  for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
  await upgrades.close();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
