/**
 * A separate OS process that writes to the outbox and relays it, for the crash and multi-process tests.
 * argv: dataDir backendUrl mode workerId [count]
 * - mode "write-and-relay": starts a relay, then records `count` calls and queues `count` bookings, printing
 *   "committed <key>" after each commit; then keeps relaying until killed.
 * - mode "relay": prints "ready", relays until a line "stop" arrives on stdin, then stops cleanly and exits.
 */
import { createInterface } from 'node:readline';
import { silentLogger, startWorkerRelay, writeBacklog } from '@crowndesk/testing';
import { openEmbeddedDatabase, SqliteDurableCallLog, SqliteOutboxStore, SqlitePendingBookingStore } from '../../src';
import { finishedCall, pendingBooking } from './outbox-fixtures';

const [dataDir, backendUrl, mode, workerId, count] = process.argv.slice(2);
if (!dataDir || !backendUrl || !workerId || (mode !== 'write-and-relay' && mode !== 'relay')) {
  throw new Error('usage: outbox-worker <dataDir> <backendUrl> <write-and-relay|relay> <workerId> [count]');
}

const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
const relay = startWorkerRelay(new SqliteOutboxStore(database), backendUrl, workerId);

if (mode === 'write-and-relay') {
  const backlog = {
    callLog: new SqliteDurableCallLog(database, { onQueued: () => relay.wake() }),
    bookings: new SqlitePendingBookingStore(database, { onQueued: () => relay.wake() }),
    finishedCall,
    pendingBooking,
  };
  await writeBacklog(backlog, workerId, Number(count), (line) => process.stdout.write(`${line}\n`));
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
