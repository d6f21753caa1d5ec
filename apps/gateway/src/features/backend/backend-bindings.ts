import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Container, ResolutionContext } from 'inversify';
import {
  CrownDeskHealth,
  CrownDeskOutboxDelivery,
  CrownDeskSchedulingBackend,
  withDomainErrors,
  type CrownDeskClient,
} from '@crowndesk/adapters-crowndesk';
import { SqliteSchedulingBackend, type EmbeddedDatabase } from '@crowndesk/adapters-sqlite';
import {
  OUTBOX_TOKENS,
  OutboxRelay,
  TOKENS,
  type Clock,
  type Logger,
  type OutboxDelivery,
  type OutboxStore,
  type PracticeDirectory,
  type SchedulingBackend,
} from '@crowndesk/domain';
import type { GatewayConfig } from '../../config';
import type { GATEWAY } from '../../container';
import { backendConnection } from './backend-settings';
import { BACKEND, type OutboxRelayTuning } from './backend-tokens';
import { healthClient, liveClient, relayClient, relayTimings } from './crowndesk-clients';

type GatewayServices = Pick<typeof GATEWAY, 'EmbeddedDatabase'>;

/**
 * The practice's system of record. Embedded mode: the SQLite database under DATA_DIR. Backend mode: CrownDesk,
 * for live turns (its unavailability surfaces as the domain's SchedulingBackendUnavailableError, so the front desk
 * can queue a booking) and for the outbox relay, which delivers what was queued (OUTBOX_TOKENS.OutboxStore,
 * bound with the durable state) over a client of its own. The practice directory stays the embedded one.
 */
export function bindSchedulingBackend(
  container: Container,
  config: GatewayConfig,
  gateway: GatewayServices,
  relayTuning: OutboxRelayTuning = {},
): void {
  if (config.embeddedMode) {
    container
      .bind<SchedulingBackend>(TOKENS.SchedulingBackend)
      .toDynamicValue((context) => new SqliteSchedulingBackend(context.get<EmbeddedDatabase>(gateway.EmbeddedDatabase)));
    return;
  }
  const connection = backendConnection(config);
  const timings = relayTimings(config.OUTBOX_LEASE_MS);

  container
    .bind<CrownDeskClient>(BACKEND.LiveClient)
    .toDynamicValue((context) => liveClient(connection, config.BACKEND_TIMEOUT_MS, logger(context)));
  container.bind<CrownDeskClient>(BACKEND.RelayClient).toDynamicValue((context) => relayClient(connection, timings, logger(context)));
  container.bind<CrownDeskHealth>(BACKEND.Health).toDynamicValue((context) => new CrownDeskHealth(healthClient(connection, logger(context))));

  container.bind<SchedulingBackend>(TOKENS.SchedulingBackend).toDynamicValue((context) =>
    withDomainErrors(
      new CrownDeskSchedulingBackend({
        client: context.get<CrownDeskClient>(BACKEND.LiveClient),
        logger: logger(context),
        clock: context.get<Clock>(TOKENS.Clock),
      }),
    ),
  );
  container.bind<OutboxDelivery>(OUTBOX_TOKENS.OutboxDelivery).toDynamicValue(
    (context) =>
      new CrownDeskOutboxDelivery({
        client: context.get<CrownDeskClient>(BACKEND.RelayClient),
        practices: context.get<PracticeDirectory>(TOKENS.PracticeDirectory),
        logger: logger(context),
      }),
  );
  container.bind<OutboxRelay>(OUTBOX_TOKENS.OutboxRelay).toDynamicValue(
    (context) =>
      new OutboxRelay({
        store: context.get<OutboxStore>(OUTBOX_TOKENS.OutboxStore),
        delivery: context.get<OutboxDelivery>(OUTBOX_TOKENS.OutboxDelivery),
        clock: context.get<Clock>(TOKENS.Clock),
        logger: logger(context),
        workerId: relayWorkerId(),
        leaseMs: timings.leaseMs,
        deliveryTimeoutMs: timings.deliveryTimeoutMs,
        ...relayTuning,
      }),
  );
}

/** The owner of the relay's leases: unique per process, and says which machine and process it was in a log. */
function relayWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function logger(context: ResolutionContext): Logger {
  return context.get<Logger>(TOKENS.Logger);
}
