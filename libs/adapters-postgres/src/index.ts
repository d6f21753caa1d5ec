export {
  openPostgresDatabase,
  type PostgresDatabase,
  type PostgresDatabaseOptions,
} from './database/postgres-database';
export { migratePostgres, type MigrateOptions } from './database/migrate';
export { POSTGRES_MIGRATIONS, type PostgresMigration } from './database/migrations';
export { databaseUrlSchema, postgresConfigFrom, type PostgresConfig } from './config';
export { PostgresOutboxStore } from './outbox/postgres-outbox-store';
export { PostgresDurableCallLog } from './outbox/postgres-durable-call-log';
export { PostgresPendingBookingStore } from './outbox/postgres-pending-booking-store';
export type { OutboxWriteOptions } from './outbox/outbox-write-options';
export {
  PostgresCallEventInbox,
  type AfterCommit,
  type MergedCall,
  type PostgresCallEventInboxOptions,
  type ReceivedCallEvent,
} from './call-events/postgres-call-event-inbox';
export { PostgresCallRecordOutbox } from './call-events/postgres-call-record-outbox';
