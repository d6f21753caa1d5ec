import type { Container, ResolutionContext } from 'inversify';
import {
  openPostgresDatabase,
  PostgresCallEventInbox,
  PostgresCallRecordOutbox,
  PostgresOutboxStore,
  PostgresPendingBookingStore,
  type PostgresDatabase,
} from '@crowndesk/adapters-postgres';
import {
  SqliteCallEventInbox,
  SqliteCallRecordOutbox,
  SqliteOutboxStore,
  SqlitePendingBookingStore,
  type EmbeddedDatabase,
} from '@crowndesk/adapters-sqlite';
import {
  CALL_TOKENS,
  InboxCallLog,
  OUTBOX_TOKENS,
  TOKENS,
  type CallEventInbox,
  type CallLog,
  type Clock,
  type Logger,
  type OutboxRelay,
  type OutboxStore,
  type PendingBookingStore,
} from '@crowndesk/domain';
import type { GatewayConfig } from '../../config';
import type { GATEWAY } from '../../container';
import { BACKEND } from '../backend/backend-tokens';

type GatewayServices = Pick<typeof GATEWAY, 'EmbeddedDatabase'>;

/**
 * Where call records and bookings are kept, and how they reach the practice's backend (config.durableState):
 *
 * - `none` (embedded mode): the SQLite database is the system of record. Every fact about a call (our
 *   conversation's record, Retell's and ElevenLabs' post-call webhooks) goes through the SqliteCallEventInbox,
 *   so they merge into one record in any order. Nothing is delivered anywhere.
 * - `sqlite` (BACKEND_URL): the same inbox, and each merged record is queued in the SQLite outbox in the
 *   inbox's own transaction (SqliteCallRecordOutbox, refreshed while it waits); bookings the backend could
 *   not take during a call are kept with their outbox message (SqlitePendingBookingStore).
 * - `postgres` (BACKEND_URL + DATABASE_URL): the same, in the shared PostgreSQL database. Our conversations' records
 *   and Retell's and ElevenLabs' webhooks go through the PostgresCallEventInbox, whichever machine receives them, so
 *   they merge into one record in any order; each merge queues it in the PostgreSQL outbox in the inbox's own
 *   transaction (PostgresCallRecordOutbox, refreshed while it waits), and any machine's relay delivers it. Bookings
 *   are kept there with their message too (PostgresPendingBookingStore). The SQLite file still holds the practice directory.
 *
 * Every writer wakes the relay after its commit, so a queued write is attempted at once.
 */
export function bindDurableState(container: Container, config: GatewayConfig, gateway: GatewayServices): void {
  switch (config.durableState) {
    case 'none':
      bindEmbeddedCallRecords(container, gateway);
      return;
    case 'sqlite':
      bindSqliteOutbox(container, gateway);
      return;
    case 'postgres':
      bindPostgresOutbox(container, config);
      return;
  }
}

function bindEmbeddedCallRecords(container: Container, gateway: GatewayServices): void {
  container
    .bind<CallEventInbox>(CALL_TOKENS.CallEventInbox)
    .toDynamicValue((context) => new SqliteCallEventInbox(embedded(context, gateway)));
  bindInboxCallLog(container);
}

function bindSqliteOutbox(container: Container, gateway: GatewayServices): void {
  container.bind<OutboxStore>(OUTBOX_TOKENS.OutboxStore).toDynamicValue((context) => new SqliteOutboxStore(embedded(context, gateway)));
  container
    .bind<SqliteCallRecordOutbox>(BACKEND.CallRecordOutbox)
    .toDynamicValue((context) => new SqliteCallRecordOutbox(embedded(context, gateway), { onQueued: wakeRelay(context) }));
  container.bind<CallEventInbox>(CALL_TOKENS.CallEventInbox).toDynamicValue((context) => {
    const outbox = context.get<SqliteCallRecordOutbox>(BACKEND.CallRecordOutbox);
    return new SqliteCallEventInbox(embedded(context, gateway), { onMerged: (record, _event, now) => outbox.queue(record, now) });
  });
  bindInboxCallLog(container);
  container
    .bind<PendingBookingStore>(OUTBOX_TOKENS.PendingBookingStore)
    .toDynamicValue((context) => new SqlitePendingBookingStore(embedded(context, gateway), { onQueued: wakeRelay(context) }));
}

function bindPostgresOutbox(container: Container, config: GatewayConfig): void {
  const connectionString = config.DATABASE_URL;
  if (connectionString === undefined) throw new Error('PostgreSQL durable state without DATABASE_URL (parseConfig refuses this)');
  // Opened (and migrated) asynchronously: startBackendServices resolves it before anything that needs it.
  container
    .bind<PostgresDatabase>(BACKEND.PostgresDatabase)
    .toDynamicValue((context) => openPostgresDatabase({ connectionString, logger: logger(context) }))
    .onDeactivation((database) => database.close());
  container.bind<OutboxStore>(OUTBOX_TOKENS.OutboxStore).toDynamicValue((context) => new PostgresOutboxStore(postgres(context)));
  container.bind<CallEventInbox>(CALL_TOKENS.CallEventInbox).toDynamicValue((context) => {
    const database = postgres(context);
    const outbox = new PostgresCallRecordOutbox(database, { onQueued: wakeRelay(context) });
    return new PostgresCallEventInbox(database, {
      clock: clock(context),
      onMerged: (client, { record, now }) => outbox.queue(client, record, now),
    });
  });
  bindInboxCallLog(container);
  container
    .bind<PendingBookingStore>(OUTBOX_TOKENS.PendingBookingStore)
    .toDynamicValue((context) => new PostgresPendingBookingStore(postgres(context), { clock: clock(context), onQueued: wakeRelay(context) }));
}

/** Our conversations' records go through the inbox, merging with the webhooks whichever lands first. */
function bindInboxCallLog(container: Container): void {
  container.bind<CallLog>(TOKENS.CallLog).toDynamicValue((context) => new InboxCallLog(context.get<CallEventInbox>(CALL_TOKENS.CallEventInbox)));
  container.bind<CallEventInbox>(BACKEND.WebhookInbox).toService(CALL_TOKENS.CallEventInbox);
}

/** Called after a commit that queued something: deliver now rather than at the next poll. */
function wakeRelay(context: ResolutionContext): () => void {
  const relay = context.get<OutboxRelay>(OUTBOX_TOKENS.OutboxRelay);
  return () => relay.wake();
}

function embedded(context: ResolutionContext, gateway: GatewayServices): EmbeddedDatabase {
  return context.get<EmbeddedDatabase>(gateway.EmbeddedDatabase);
}

function postgres(context: ResolutionContext): PostgresDatabase {
  return context.get<PostgresDatabase>(BACKEND.PostgresDatabase);
}

function clock(context: ResolutionContext): Clock {
  return context.get<Clock>(TOKENS.Clock);
}

function logger(context: ResolutionContext): Logger {
  return context.get<Logger>(TOKENS.Logger);
}
