import { CrownDeskClient, type CredentialsFor } from '@crowndesk/adapters-crowndesk';
import type { Logger } from '@crowndesk/domain';
import type { BackendConnection } from './backend-settings';

/**
 * The CrownDesk clients of the gateway. They share the connection and the credentials, and differ in how long
 * they wait and how often they try:
 * - live: a caller is waiting on the phone (BACKEND_TIMEOUT_MS, one quick retry: the adapter's defaults);
 * - relay: the outbox relay backs off between deliveries itself, so one attempt with a longer deadline;
 * - health: readiness must answer fast, so one short attempt.
 */

/** How long the relay may hold a message, and the deadlines that must fit inside that lease. */
export interface RelayTimings {
  leaseMs: number;
  /** One delivery, well inside the lease (the relay's own deadline). */
  deliveryTimeoutMs: number;
  /** One HTTP request of a delivery: a delivery may take two (a create, then the read that recognises a replay). */
  requestTimeoutMs: number;
}

export function relayTimings(leaseMs: number): RelayTimings {
  const deliveryTimeoutMs = Math.min(30_000, Math.floor(leaseMs / 2));
  return { leaseMs, deliveryTimeoutMs, requestTimeoutMs: Math.min(10_000, Math.floor(deliveryTimeoutMs / 2)) };
}

const HEALTH_TIMEOUT_MS = 1_500;

/**
 * One CrownDesk tenant for every practice of the directory: BACKEND_API_KEY and BACKEND_TENANT_ID. A
 * deployment serving several tenants would look each practice's pair up here (CredentialsFor is per practice).
 */
export function singleTenantCredentials(connection: BackendConnection): CredentialsFor {
  const credentials = { apiKey: connection.apiKey, tenantId: connection.tenantId };
  return () => credentials;
}

export function liveClient(connection: BackendConnection, timeoutMs: number, logger: Logger): CrownDeskClient {
  return client(connection, logger, { timeoutMs });
}

export function relayClient(connection: BackendConnection, timings: RelayTimings, logger: Logger): CrownDeskClient {
  return client(connection, logger, { timeoutMs: timings.requestTimeoutMs, maxAttempts: 1 });
}

export function healthClient(connection: BackendConnection, logger: Logger): CrownDeskClient {
  return client(connection, logger, { timeoutMs: HEALTH_TIMEOUT_MS, maxAttempts: 1 });
}

function client(connection: BackendConnection, logger: Logger, tunables: { timeoutMs: number; maxAttempts?: number }): CrownDeskClient {
  return new CrownDeskClient({
    baseUrl: connection.baseUrl,
    apiPrefix: connection.apiPrefix,
    credentialsFor: singleTenantCredentials(connection),
    logger,
    ...tunables,
  });
}
