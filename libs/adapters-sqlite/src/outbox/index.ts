export { SqliteOutboxStore } from './sqlite-outbox-store';
export { SqliteDurableCallLog, type OutboxWriteOptions } from './sqlite-durable-call-log';
export { SqliteCallRecordOutbox } from './sqlite-call-record-outbox';
export { SqlitePendingBookingStore } from './sqlite-pending-booking-store';
