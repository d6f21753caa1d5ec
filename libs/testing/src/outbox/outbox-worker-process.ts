import type { CallLog, CallRecord, Logger, OutboxStore, PendingBooking, PendingBookingStore } from '@crowndesk/domain';
import { callRecordKey, OutboxRelay } from '@crowndesk/domain';
import { silentLogger } from '../logging/silent-logger';
import { HttpOutboxDelivery } from './http-outbox-delivery';

/**
 * The parts of an outbox worker process (a separate OS process the crash tests kill) that do not depend on
 * the database. The worker prints one line per commit, `committed <idempotency key>`, so the test knows what
 * was durably written before the kill.
 */

/** The lease a worker's relay takes: after it, another relay may take over what a killed worker had claimed. */
export const WORKER_LEASE_MS = 2_000;

const COMMITTED = 'committed ';

/** Starts a relay over `store` that delivers to the test backend at `backendUrl`, in small fast rounds. */
export function startWorkerRelay(store: OutboxStore, backendUrl: string, workerId: string): OutboxRelay {
  const relay = new OutboxRelay({
    store,
    delivery: new HttpOutboxDelivery(backendUrl),
    clock: { now: () => new Date() },
    logger: silentLogger,
    workerId,
    batchSize: 3,
    leaseMs: WORKER_LEASE_MS,
    deliveryTimeoutMs: 1_000,
    pollIntervalMs: 20,
  });
  relay.start();
  return relay;
}

export interface WorkerBacklog {
  callLog: CallLog;
  bookings: Pick<PendingBookingStore, 'queue'>;
  /** The store's own fixtures: a finished call, and booking `n` of a call. */
  finishedCall(callId: string): CallRecord;
  pendingBooking(n: number, callId: string): PendingBooking;
}

/**
 * Records `count` calls (`CA-<workerId>-<i>`) and queues one booking for each, printing `committed <key>`
 * after each commit and `written` at the end.
 */
export async function writeBacklog(backlog: WorkerBacklog, workerId: string, count: number, print: (line: string) => void): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    const call = backlog.finishedCall(`CA-${workerId}-${index}`);
    await backlog.callLog.record(call);
    print(`${COMMITTED}${callRecordKey(call.callId)}`);
    const booking = backlog.pendingBooking(index, call.callId);
    await backlog.bookings.queue(booking);
    print(`${COMMITTED}${booking.idempotencyKey}`);
  }
  print('written');
}

/** The keys a worker reported as committed, from the lines it printed. */
export function committedKeys(lines: string[]): string[] {
  return lines.filter((line) => line.startsWith(COMMITTED)).map((line) => line.slice(COMMITTED.length));
}

/**
 * The relay that takes over from a killed worker: its clock runs just past the worker's lease, so what the
 * worker had claimed is due again. Drive it with relayOnce().
 */
export function takeOverRelay(store: OutboxStore, backendUrl: string, logger: Logger): OutboxRelay {
  return new OutboxRelay({
    store,
    delivery: new HttpOutboxDelivery(backendUrl),
    clock: { now: () => new Date(Date.now() + WORKER_LEASE_MS + 1) },
    logger,
    workerId: 'w2',
    batchSize: 20,
  });
}
