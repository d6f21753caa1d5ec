import type { CallRecord } from '@crowndesk/domain';
import { callRecordMessage } from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { OutboxWriter } from './outbox-writer';
import type { OutboxWriteOptions } from './sqlite-durable-call-log';

/**
 * Queues the call records the call-event inbox merges (conversation finish, Retell's call_started / call_ended /
 * call_analyzed) for the practice's backend, inside the inbox's own transaction:
 *
 *   const queue = new SqliteCallRecordOutbox(database, { onQueued: () => relay.wake() });
 *   new SqliteCallEventInbox(database, { onMerged: (record, _event, now) => queue.queue(record, now) });
 *
 * One message per call (`call-record:<callId>`). A later merge refreshes the queued record while it waits, so
 * the backend gets the fullest record there is when the relay takes it; after that the first delivered version
 * stands (the backend records a call once).
 */
export class SqliteCallRecordOutbox {
  private readonly outbox: OutboxWriter;

  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly options: OutboxWriteOptions = {},
  ) {
    this.outbox = new OutboxWriter(database.handle);
  }

  /** Call only inside the transaction that wrote `record` (it throws, and so rolls that back, on failure). */
  queue(record: CallRecord, now: Date): void {
    const result = this.outbox.writeLatest(callRecordMessage(record), now);
    if (result === 'unchanged') return;
    this.database.logger.debug({ callId: record.callId, practiceId: record.practiceId, result }, 'call record queued for the backend');
    // Synchronous database: the relay's round cannot start before this transaction commits.
    this.options.onQueued?.();
  }
}
