import type { Container } from 'inversify';
import type { CrownDeskHealth } from '@crowndesk/adapters-crowndesk';
import type { PostgresDatabase } from '@crowndesk/adapters-postgres';
import { OUTBOX_TOKENS, TOKENS, type Clock, type OutboxRelay, type OutboxStore } from '@crowndesk/domain';
import type { FeatureRoutes } from '../http/app';
import type { ReadinessCheck, ReadinessDetail } from '../http/readiness';
import { backendDetail, outboxDetail, postgresCheck } from './backend/backend-readiness';
import { BACKEND } from './backend/backend-tokens';
import { RETELL_WEBHOOK } from './retell-webhook/retell-webhook-bindings';

/** What server.ts runs for the practice's system of record: durable state, the outbox relay, the Retell webhook. */
export interface BackendServices {
  routes: FeatureRoutes[];
  /** Readiness fails without these. */
  checks: ReadinessCheck[];
  /** Readiness reports these. */
  details: ReadinessDetail[];
  /** Stops the relay (releasing what it holds). Call after the calls drained, before the databases close. */
  stop(): Promise<void>;
}

/**
 * Opens the shared PostgreSQL database when configured (asynchronously, so before anything is resolved that needs
 * it), then starts the outbox relay: a backlog left by an earlier run (a crash, a deploy) is delivered at once.
 */
export async function startBackendServices(container: Container): Promise<BackendServices> {
  const checks: ReadinessCheck[] = [];
  const details: ReadinessDetail[] = [];
  if (container.isBound(BACKEND.PostgresDatabase)) {
    checks.push(postgresCheck(await container.getAsync<PostgresDatabase>(BACKEND.PostgresDatabase)));
  }
  if (container.isBound(BACKEND.Health)) details.push(backendDetail(container.get<CrownDeskHealth>(BACKEND.Health)));
  let relay: OutboxRelay | undefined;
  if (container.isBound(OUTBOX_TOKENS.OutboxRelay)) {
    details.push(outboxDetail(container.get<OutboxStore>(OUTBOX_TOKENS.OutboxStore), container.get<Clock>(TOKENS.Clock)));
    relay = container.get<OutboxRelay>(OUTBOX_TOKENS.OutboxRelay);
    relay.start();
  }
  return {
    routes: [container.get<FeatureRoutes>(RETELL_WEBHOOK.Routes)],
    checks,
    details,
    stop: async () => {
      await relay?.stop();
    },
  };
}
