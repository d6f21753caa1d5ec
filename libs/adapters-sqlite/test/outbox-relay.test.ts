import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxRelay } from '@crowndesk/domain';
import { CALLER_NAME, HttpOutboxDelivery, OutboxTestBackend } from '@crowndesk/testing';
import { SqliteDurableCallLog, SqliteOutboxStore, SqlitePendingBookingStore } from '../src';
import { confirmedBooking, finishedCall, pendingBooking } from './support/outbox-fixtures';
import { useTempDatabase } from './support/temp-database';

const RETRY = { baseDelayMs: 1_000, maxDelayMs: 60_000, minDelayMs: 100 };

describe('outbox relay over the embedded database', () => {
  const fixture = useTempDatabase();
  let backend: OutboxTestBackend;

  beforeEach(async () => {
    backend = await OutboxTestBackend.start();
  });
  afterEach(async () => {
    await backend.close();
  });

  function setup(random: () => number = () => 0.5) {
    const database = fixture.open({ seedDemo: false });
    const store = new SqliteOutboxStore(database);
    const relay = new OutboxRelay({
      store,
      delivery: new HttpOutboxDelivery(backend.url),
      clock: { now: () => fixture.now },
      logger: fixture.logger,
      workerId: 'relay-test',
      batchSize: 5,
      leaseMs: 30_000,
      deliveryTimeoutMs: 5_000,
      retry: RETRY,
      random,
    });
    return {
      database,
      store,
      relay,
      callLog: new SqliteDurableCallLog(database),
      bookings: new SqlitePendingBookingStore(database),
    };
  }

  /** `count` rounds, the clock moving on by `stepMs` after each. */
  async function rounds(relay: OutboxRelay, count: number, stepMs: number): Promise<void> {
    for (let round = 0; round < count; round += 1) {
      await relay.relayOnce();
      fixture.now = new Date(fixture.now.getTime() + stepMs);
    }
  }

  /** Rounds until nothing is due now; the clock moves on by `stepMs` after each. */
  async function drain(relay: OutboxRelay, stepMs: number, maxRounds = 200): Promise<void> {
    for (let round = 0; round < maxRounds; round += 1) {
      const result = await relay.relayOnce();
      fixture.now = new Date(fixture.now.getTime() + stepMs);
      if (result.claimed === 0 && round > 0) return;
    }
    throw new Error('the outbox did not drain');
  }

  it('delivers a call record once, with its key, and marks it delivered', async () => {
    const { relay, callLog, store } = setup();
    await callLog.record(finishedCall('CA-1'));

    expect(await relay.relayOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await relay.relayOnce()).toMatchObject({ claimed: 0 });

    expect(backend.effects).toEqual([{ key: 'call-record:CA-1', path: '/outbox/call.record', body: finishedCall('CA-1') }]);
    expect(backend.attempts.get('call-record:CA-1')).toBe(1);
    expect(await callLog.deliveryOf('CA-1')).toEqual({ status: 'delivered', attempts: 1, lastError: null });
    expect(await store.backlog(fixture.now)).toEqual({ count: 0, oldestAgeMs: null, rejected: 0 });
  });

  it('keeps everything through an outage (503s, then refused connections) and delivers each exactly once after', async () => {
    const { relay, callLog, bookings, store, database } = setup();
    await backend.setMode('down');
    const calls = ['CA-1', 'CA-2', 'CA-3', 'CA-4'].map(finishedCall);
    const queued = [1, 2, 3].map((n) => pendingBooking(n));
    const confirmed = [4, 5].map((n) => confirmedBooking(n));

    // Calls end and bookings queue while the backend is down; the relay keeps trying.
    for (const call of calls.slice(0, 2)) await callLog.record(call);
    for (const booking of queued) await bookings.queue(booking);
    await rounds(relay, 6, 2_000);
    await backend.setMode('refusing');
    for (const call of calls.slice(2)) await callLog.record(call);
    for (const booking of confirmed) await bookings.confirm(booking);
    await rounds(relay, 6, 2_000);

    expect(backend.effects).toEqual([]);
    const during = await store.backlog(fixture.now);
    expect(during.count).toBe(9);
    expect(during.oldestAgeMs).toBeGreaterThanOrEqual(24_000);

    await backend.setMode('up');
    fixture.now = new Date(fixture.now.getTime() + RETRY.maxDelayMs);
    await drain(relay, 1_000);

    const keys = [
      ...calls.map((call) => `call-record:${call.callId}`),
      ...queued.map((booking) => booking.idempotencyKey),
      ...confirmed.map((booking) => `appointment-confirm:${booking.appointment.id}`),
    ];
    expect([...backend.effectsPerKey().keys()].sort()).toEqual([...keys].sort());
    expect([...backend.effectsPerKey().values()].every((effects) => effects === 1)).toBe(true);
    expect(await store.backlog(fixture.now)).toEqual({ count: 0, oldestAgeMs: null, rejected: 0 });
    expect(await bookings.find(queued[0]!.practiceId, queued[0]!.idempotencyKey)).toMatchObject({ delivery: { status: 'delivered' } });
    // The outage was retried, not given up on: each message took several attempts (refused ones never reached it).
    const attempts = database.handle.prepare<[], number>('SELECT attempts FROM outbox_messages').pluck().all();
    expect(Math.min(...attempts)).toBeGreaterThan(1);
    expect(Math.min(...queued.map((booking) => backend.attempts.get(booking.idempotencyKey) ?? 0))).toBeGreaterThan(1);
    expect(fixture.logger.dump()).not.toContain(CALLER_NAME);
  });

  it('sends a write whose answer was lost again, and the backend applies it once', async () => {
    const { relay, callLog } = setup();
    await callLog.record(finishedCall('CA-1'));
    backend.loseAnswer.add('call-record:CA-1');

    expect(await relay.relayOnce()).toMatchObject({ retried: 1 });
    fixture.now = new Date(fixture.now.getTime() + RETRY.baseDelayMs);
    expect(await relay.relayOnce()).toMatchObject({ delivered: 1 });

    expect(backend.attempts.get('call-record:CA-1')).toBe(2);
    expect(backend.effectsPerKey()).toEqual(new Map([['call-record:CA-1', 1]]));
    expect(await callLog.deliveryOf('CA-1')).toEqual({ status: 'delivered', attempts: 2, lastError: 'connection' });
  });

  it('waits longer after each failure, with jitter from the injected random source', async () => {
    const draws = [0.5, 0.9, 0.1, 0.75];
    const { relay, callLog, database } = setup(() => draws.shift() ?? 0.5);
    await backend.setMode('down');
    await callLog.record(finishedCall('CA-1'));
    const nextAttempt = () =>
      Date.parse(database.handle.prepare<[], string>('SELECT next_attempt_at FROM outbox_messages').pluck().get()!);

    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const before = fixture.now.getTime();
      await relay.relayOnce();
      waits.push(nextAttempt() - before);
      fixture.now = new Date(nextAttempt());
    }
    // Ceilings 1, 2, 4, 8 s drawn at 0.5, 0.9, 0.1, 0.75.
    expect(waits).toEqual([500, 1_800, 400, 6_000]);
    expect(await callLog.deliveryOf('CA-1')).toEqual({ status: 'pending', attempts: 4, lastError: 'server_error_503' });
  });

  it('parks a booking the backend refuses (the slot was taken meanwhile) and never sends it again', async () => {
    const { relay, bookings, store } = setup();
    const refused = pendingBooking(1);
    await bookings.queue(refused);
    await bookings.queue(pendingBooking(2));
    backend.refusals.set(refused.idempotencyKey, 409);

    expect(await relay.relayOnce()).toMatchObject({ claimed: 2, delivered: 1, rejected: 1 });
    fixture.now = new Date(fixture.now.getTime() + 86_400_000);
    expect(await relay.relayOnce()).toMatchObject({ claimed: 0 });

    expect(backend.attempts.get(refused.idempotencyKey)).toBe(1);
    expect(await store.backlog(fixture.now)).toEqual({ count: 0, oldestAgeMs: null, rejected: 1 });
    const callBacks = await bookings.needingCallBack(refused.practiceId);
    expect(callBacks.map((booking) => [booking.callId, booking.delivery.lastError])).toEqual([['CA-1', 'http_409']]);
    expect(fixture.logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.fields['reason'])).toEqual([
      'http_409',
    ]);
  });

  it('delivers at once when woken by the store that wrote the message', async () => {
    const database = fixture.open({ seedDemo: false });
    const relay = new OutboxRelay({
      store: new SqliteOutboxStore(database),
      delivery: new HttpOutboxDelivery(backend.url),
      clock: { now: () => new Date() },
      logger: fixture.logger,
      workerId: 'relay-live',
      pollIntervalMs: 60_000,
    });
    const callLog = new SqliteDurableCallLog(database, { onQueued: () => relay.wake() });
    relay.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the first (empty) round has run
      await callLog.record(finishedCall('CA-live'));
      await expect.poll(() => backend.effects.length, { timeout: 5_000 }).toBe(1);
    } finally {
      await relay.stop();
    }
    expect(await callLog.deliveryOf('CA-live')).toMatchObject({ status: 'delivered' });
  });
});
