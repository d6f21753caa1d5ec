import { describe, expect, it, vi } from 'vitest';
import { callRecordMessage, queuedBookingMessage } from './new-messages';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import type { OutboxStore } from './outbox-store';
import {
  finishedCall,
  InMemoryOutboxStore,
  RecordingLogger,
  ManualTimers,
  MutableClock,
  ScriptedDelivery,
  slot,
  T0,
} from './outbox-doubles.fixture';

function setup(options: Partial<OutboxRelayOptions> = {}) {
  const store = new InMemoryOutboxStore();
  const delivery = new ScriptedDelivery();
  const clock = new MutableClock(T0);
  const logger = new RecordingLogger();
  const timers = new ManualTimers();
  const relay = new OutboxRelay({
    store,
    delivery,
    clock,
    logger,
    timers,
    workerId: 'relay-a',
    random: () => 0.5,
    retry: { baseDelayMs: 1_000, maxDelayMs: 60_000, minDelayMs: 100 },
    ...options,
  });
  return { store, delivery, clock, logger, timers, relay };
}

const booking = (key: string) =>
  queuedBookingMessage({
    practiceId: 'practice-maple',
    callId: 'CA-7',
    patientId: 'pat-1',
    slot,
    idempotencyKey: key,
    requestedAt: T0.toISOString(),
  });

describe('OutboxRelay.relayOnce', () => {
  it('delivers a due message once, with its key, and records it', async () => {
    const { store, delivery, relay, logger } = setup();
    const id = store.add(callRecordMessage(finishedCall('CA-1')), T0);

    expect(await relay.relayOnce()).toEqual({ claimed: 1, delivered: 1, retried: 0, rejected: 0, leaseLost: 0 });
    expect(await relay.relayOnce()).toEqual({ claimed: 0, delivered: 0, retried: 0, rejected: 0, leaseLost: 0 });

    expect(delivery.attempts.map((attempt) => attempt.message.idempotencyKey)).toEqual(['call-record:CA-1']);
    expect(delivery.attempts[0]?.message).toMatchObject({ topic: 'call.record', attempts: 1, payload: finishedCall('CA-1') });
    expect(store.row(id).status).toBe('delivered');
    expect(logger.at('info').at(-1)).toMatchObject({
      message: 'outbox message delivered',
      fields: { workerId: 'relay-a', messageId: id, topic: 'call.record', practiceId: 'practice-maple', attempts: 1 },
    });
    expect(JSON.stringify(logger.entries)).not.toMatch(/Maria|\+1555|cleaning\./);
  });

  it('retries a transient failure with growing, jittered waits, never before it is due, until it lands', async () => {
    const draws = [0.5, 0.25, 1];
    const { store, delivery, relay, clock } = setup({ random: () => draws.shift() ?? 0.5 });
    const id = store.add(booking('book-1'), T0);
    const down = { status: 'retry', reason: 'server_error_503' } as const;
    delivery.script('book-1', down, down, down);

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const before = clock.now().getTime();
      expect((await relay.relayOnce()).retried).toBe(1);
      const due = store.row(id).nextAttemptAt;
      waits.push(due - before);
      // Not due yet: nothing to claim.
      clock.current = new Date(due - 1);
      expect((await relay.relayOnce()).claimed).toBe(0);
      clock.current = new Date(due);
    }
    // Ceilings 1 s, 2 s, 4 s (attempts 1..3), drawn at 0.5, 0.25 and ~1.
    expect(waits).toEqual([500, 500, 4_000]);
    expect(store.row(id).lastError).toBe('server_error_503');

    expect((await relay.relayOnce()).delivered).toBe(1);
    expect(delivery.attemptsFor('book-1')).toBe(4);
    expect(delivery.attempts.map((attempt) => attempt.message.attempts)).toEqual([1, 2, 3, 4]);
    expect(store.row(id).status).toBe('delivered');
  });

  it('never gives up on a transient failure: the wait stops growing at the cap', async () => {
    const { store, delivery, relay, clock } = setup({ random: () => 0.999 });
    const id = store.add(booking('book-1'), T0);
    delivery.fallback = { status: 'retry', reason: 'timeout' };

    let lastWait = 0;
    for (let attempt = 1; attempt <= 12; attempt += 1) {
      const before = clock.now().getTime();
      await relay.relayOnce();
      lastWait = store.row(id).nextAttemptAt - before;
      clock.current = new Date(store.row(id).nextAttemptAt);
    }
    expect(lastWait).toBe(59_940);
    expect(store.row(id).status).toBe('pending');
    expect(delivery.attemptsFor('book-1')).toBe(12);
  });

  it('parks a message the backend refuses, logs it loudly, and never sends it again', async () => {
    const { store, delivery, relay, logger, clock } = setup();
    const id = store.add(booking('book-1'), T0);
    delivery.script('book-1', { status: 'rejected', reason: 'slot_taken' });

    expect((await relay.relayOnce()).rejected).toBe(1);
    clock.advance(24 * 3_600_000);
    expect((await relay.relayOnce()).claimed).toBe(0);

    expect(store.row(id)).toMatchObject({ status: 'rejected', lastError: 'slot_taken' });
    expect(logger.at('error')).toEqual([
      {
        level: 'error',
        message: 'outbox message REJECTED by the backend: parked for staff, it will not be retried',
        fields: { workerId: 'relay-a', messageId: id, topic: 'appointment.book', practiceId: 'practice-maple', attempts: 1, reason: 'slot_taken' },
      },
    ]);
    expect(await store.backlog(clock.now())).toEqual({ count: 0, oldestAgeMs: null, rejected: 1 });
  });

  it('parks a row it cannot read without sending it', async () => {
    const { store, delivery, relay } = setup();
    const unknown = store.add({ practiceId: 'practice-maple', topic: 'sms.send', idempotencyKey: 'sms-1', payload: {} }, T0);
    const broken = store.add({ practiceId: 'practice-maple', topic: 'call.record', idempotencyKey: 'call-record:x', payload: { callId: 1 } }, T0);

    expect((await relay.relayOnce()).rejected).toBe(2);
    expect(delivery.attempts).toHaveLength(0);
    expect(store.row(unknown).lastError).toBe('unknown_topic');
    expect(store.row(broken).lastError).toBe('invalid_payload');
  });

  it('stores only a short code, whatever free text a delivery returns', async () => {
    const { store, delivery, relay } = setup();
    const id = store.add(booking('book-1'), T0);
    delivery.script('book-1', { status: 'retry', reason: 'Patient Maria Lopez is locked' });

    await relay.relayOnce();
    expect(store.row(id).lastError).toBe('unspecified');
  });

  it('treats a delivery that throws as transient', async () => {
    const { store, delivery, relay, logger } = setup();
    const id = store.add(booking('book-1'), T0);
    delivery.script('book-1', new TypeError('socket hang up'));

    expect((await relay.relayOnce()).retried).toBe(1);
    expect(store.row(id)).toMatchObject({ status: 'pending', lastError: 'delivery_error' });
    expect(logger.at('error')[0]?.fields).toMatchObject({ reason: 'delivery_error', errorName: 'TypeError' });
  });

  it('does not overwrite the result of a relay that took over an expired lease', async () => {
    const shared = setup({ leaseMs: 30_000 });
    const { store, delivery, clock, logger } = shared;
    const id = store.add(booking('book-1'), T0);
    const other = new OutboxRelay({ store, delivery: new ScriptedDelivery(), clock, logger, workerId: 'relay-b', timers: new ManualTimers() });
    // Relay A stalls past its lease; relay B takes the message over and delivers it; then A's answer comes back.
    delivery.deliver = async () => {
      clock.advance(30_001);
      expect((await other.relayOnce()).delivered).toBe(1);
      return { status: 'retry', reason: 'timeout' };
    };

    expect(await shared.relay.relayOnce()).toEqual({ claimed: 1, delivered: 0, retried: 0, rejected: 0, leaseLost: 1 });
    expect(store.row(id)).toMatchObject({ status: 'delivered', lastError: null });
    expect(logger.at('warn').at(-1)?.message).toBe('outbox lease lost: another relay owns this message now');
  });

  it('claims no more than a batch per round, oldest first', async () => {
    const { store, relay, delivery, clock } = setup({ batchSize: 2 });
    for (let index = 0; index < 3; index += 1) store.add(booking(`book-${index}`), new Date(T0.getTime() + index));
    clock.advance(10);

    expect((await relay.relayOnce()).claimed).toBe(2);
    expect((await relay.relayOnce()).claimed).toBe(1);
    expect(delivery.attempts.map((attempt) => attempt.message.idempotencyKey)).toEqual(['book-0', 'book-1', 'book-2']);
  });
});

describe('OutboxRelay loop', () => {
  it('polls, goes on at once after a full batch, and delivers at once when woken', async () => {
    const { store, relay, delivery, timers } = setup({ batchSize: 1, pollIntervalMs: 5_000 });
    store.add(booking('book-1'), T0);
    store.add(booking('book-2'), T0);

    relay.start();
    expect(timers.waiting()).toEqual([0]);
    timers.fire();
    await vi.waitFor(() => expect(timers.waiting()).toEqual([0])); // full batch: more may be due
    timers.fire();
    await vi.waitFor(() => expect(timers.waiting()).toEqual([0]));
    timers.fire();
    await vi.waitFor(() => expect(timers.waiting()).toEqual([5_000])); // nothing found: poll later
    expect(delivery.attempts).toHaveLength(2);

    store.add(booking('book-3'), T0);
    relay.wake();
    expect(timers.waiting()).toEqual([0]);
    timers.fire();
    await vi.waitFor(() => expect(delivery.attempts).toHaveLength(3));
    await relay.stop();
    expect(timers.waiting()).toEqual([]);
  });

  it('runs another round at once when woken during a round', async () => {
    const { store, relay, delivery, timers } = setup({ pollIntervalMs: 5_000 });
    store.add(booking('book-1'), T0);
    let release: () => void = () => undefined;
    delivery.deliver = async (message) => {
      delivery.attempts.push({ message, signal: new AbortController().signal });
      await new Promise<void>((resolve) => (release = resolve));
      return { status: 'delivered' };
    };

    relay.start();
    timers.fire();
    await vi.waitFor(() => expect(delivery.attempts).toHaveLength(1));
    relay.wake();
    release();
    await vi.waitFor(() => expect(timers.waiting()).toEqual([0]));
    await relay.stop();
  });

  it('keeps polling after a failed round', async () => {
    const { relay, timers, logger, store } = setup({ pollIntervalMs: 5_000 });
    const failing: OutboxStore = store;
    failing.claimDue = async () => {
      throw new Error('database is locked');
    };

    relay.start();
    timers.fire();
    await vi.waitFor(() => expect(timers.waiting()).toEqual([5_000]));
    expect(logger.at('error')[0]).toMatchObject({ message: 'outbox relay round failed', fields: { errorName: 'Error' } });
    await relay.stop();
  });

  it('on stop, aborts a delivery in flight and releases the message for any relay at once', async () => {
    const { store, relay, delivery, timers, clock } = setup();
    const id = store.add(booking('book-1'), T0);
    delivery.script('book-1', 'hang');

    relay.start();
    timers.fire();
    await vi.waitFor(() => expect(delivery.attempts).toHaveLength(1));
    await relay.stop();

    expect(delivery.attempts[0]?.signal.aborted).toBe(true);
    expect(store.row(id)).toMatchObject({ status: 'pending', lastError: 'interrupted', leaseOwner: null });
    expect(store.row(id).nextAttemptAt).toBe(clock.now().getTime());
    expect(timers.waiting()).toEqual([]);
  });

  it('refuses settings that could not work', () => {
    expect(() => setup({ workerId: ' ' })).toThrow('workerId');
    expect(() => setup({ leaseMs: 10_000, deliveryTimeoutMs: 10_000 })).toThrow('shorter than leaseMs');
    expect(() => setup({ batchSize: 0 })).toThrow('batchSize');
  });
});
