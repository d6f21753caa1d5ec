export {
  openEmbeddedDatabase,
  DATABASE_FILE_NAME,
  BUSY_TIMEOUT_MS,
  type EmbeddedDatabase,
  type EmbeddedDatabaseOptions,
} from './database/embedded-database';
export { SqlitePracticeDirectory } from './practices/sqlite-practice-directory';
export { savePractice, type PracticeRouting } from './practices/save-practice';
export { SqliteSchedulingBackend } from './scheduling/sqlite-scheduling-backend';
export { SqliteCallLog } from './call-log/sqlite-call-log';
export * from './demo/demo-practice';
export { demoAppointmentStart } from './demo/seed-demo-practice';
export { SqliteCallEventInbox, type SqliteCallEventInboxOptions, type ReceivedCallEvent } from './call-events/sqlite-call-event-inbox';
export {
  SqliteOutboxStore,
  SqliteDurableCallLog,
  SqliteCallRecordOutbox,
  SqlitePendingBookingStore,
  type OutboxWriteOptions,
} from './outbox';
