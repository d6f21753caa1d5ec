/**
 * A separate OS process that writes to the outbox in PostgreSQL and relays it, for the crash test.
 * argv: databaseUrl backendUrl workerId count
 * Starts a relay, records `count` calls and queues `count` bookings, printing "committed <key>" after each
 * commit, then keeps relaying until killed.
 */
import { silentLogger, startWorkerRelay, writeBacklog } from '@crowndesk/testing';
import { openPostgresDatabase, PostgresDurableCallLog, PostgresOutboxStore, PostgresPendingBookingStore } from '../../src';
import { finishedCall, pendingBooking } from './outbox-fixtures';

const [databaseUrl, backendUrl, workerId, count] = process.argv.slice(2);
if (!databaseUrl || !backendUrl || !workerId || !count) throw new Error('usage: outbox-worker <databaseUrl> <backendUrl> <workerId> <count>');

const database = await openPostgresDatabase({ connectionString: databaseUrl, logger: silentLogger });
const relay = startWorkerRelay(new PostgresOutboxStore(database), backendUrl, workerId);
const backlog = {
  callLog: new PostgresDurableCallLog(database, { onQueued: () => relay.wake() }),
  bookings: new PostgresPendingBookingStore(database, { onQueued: () => relay.wake() }),
  finishedCall,
  pendingBooking,
};
await writeBacklog(backlog, workerId, Number(count), (line) => process.stdout.write(`${line}\n`));
