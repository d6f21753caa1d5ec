/**
 * A separate OS process that writes to the outbox and relays it, for the crash and multi-process tests.
 * argv: dataDir backendUrl mode workerId [count]
 * - mode "write-and-relay": starts a relay, then records `count` calls and queues `count` bookings, printing
 *   "committed <key>" after each commit; then keeps relaying until killed.
 * - mode "relay": prints "ready", relays until a line "stop" arrives on stdin, then stops cleanly and exits.
 */
import { createInterface } from 'node:readline';
import type { Logger } from '@crowndesk/domain';
import { callRecordKey, OutboxRelay } from '@crowndesk/domain';
import { openEmbeddedDatabase, SqliteDurableCallLog, SqliteOutboxStore, SqlitePendingBookingStore } from '../../src';
import { HttpOutboxDelivery } from './http-outbox-delivery';
import { finishedCall, pendingBooking } from './outbox-fixtures';

const WORKER_LEASE_MS = 2_000;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const [dataDir, backendUrl, mode, workerId, count] = process.argv.slice(2);
if (!dataDir || !backendUrl || !workerId || (mode !== 'write-and-relay' && mode !== 'relay')) {
  throw new Error('usage: outbox-worker <dataDir> <backendUrl> <write-and-relay|relay> <workerId> [count]');
}

const database = openEmbeddedDatabase({ dataDir, logger: silent, seedDemo: false });
const relay = new OutboxRelay({
  store: new SqliteOutboxStore(database),
  delivery: new HttpOutboxDelivery(backendUrl),
  clock: { now: () => new Date() },
  logger: silent,
  workerId,
  batchSize: 3,
  leaseMs: WORKER_LEASE_MS,
  deliveryTimeoutMs: 1_000,
  pollIntervalMs: 20,
});
relay.start();

if (mode === 'write-and-relay') {
  const callLog = new SqliteDurableCallLog(database, { onQueued: () => relay.wake() });
  const bookings = new SqlitePendingBookingStore(database, { onQueued: () => relay.wake() });
  for (let index = 0; index < Number(count); index += 1) {
    const call = finishedCall(`CA-${workerId}-${index}`);
    await callLog.record(call);
    process.stdout.write(`committed ${callRecordKey(call.callId)}\n`);
    const booking = pendingBooking(index, call.callId);
    await bookings.queue(booking);
    process.stdout.write(`committed ${booking.idempotencyKey}\n`);
  }
  process.stdout.write('written\n');
} else {
  process.stdout.write('ready\n');
  const input = createInterface({ input: process.stdin });
  input.on('line', async (line) => {
    if (line.trim() !== 'stop') return;
    input.close();
    process.stdin.destroy();
    await relay.stop();
    database.close();
  });
}
