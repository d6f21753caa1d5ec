/**
 * A separate OS process that writes to the outbox in PostgreSQL and relays it, for the crash test.
 * argv: databaseUrl backendUrl workerId count
 * Starts a relay, records `count` calls and queues `count` bookings, printing "committed <key>" after each
 * commit, then keeps relaying until killed.
 */
import type { Logger } from '@crowndesk/domain';
import { callRecordKey, OutboxRelay } from '@crowndesk/domain';
import { openPostgresDatabase, PostgresDurableCallLog, PostgresOutboxStore, PostgresPendingBookingStore } from '../../src';
import { HttpOutboxDelivery } from './http-outbox-delivery';
import { finishedCall, pendingBooking } from './outbox-fixtures';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const [databaseUrl, backendUrl, workerId, count] = process.argv.slice(2);
if (!databaseUrl || !backendUrl || !workerId || !count) throw new Error('usage: outbox-worker <databaseUrl> <backendUrl> <workerId> <count>');

const database = await openPostgresDatabase({ connectionString: databaseUrl, logger: silent });
const relay = new OutboxRelay({
  store: new PostgresOutboxStore(database),
  delivery: new HttpOutboxDelivery(backendUrl),
  clock: { now: () => new Date() },
  logger: silent,
  workerId,
  batchSize: 3,
  leaseMs: 2_000,
  deliveryTimeoutMs: 1_000,
  pollIntervalMs: 20,
});
relay.start();

const callLog = new PostgresDurableCallLog(database, { onQueued: () => relay.wake() });
const bookings = new PostgresPendingBookingStore(database, { onQueued: () => relay.wake() });
for (let index = 0; index < Number(count); index += 1) {
  const call = finishedCall(`CA-${workerId}-${index}`);
  await callLog.record(call);
  process.stdout.write(`committed ${callRecordKey(call.callId)}\n`);
  const booking = pendingBooking(index, call.callId);
  await bookings.queue(booking);
  process.stdout.write(`committed ${booking.idempotencyKey}\n`);
}
process.stdout.write('written\n');
