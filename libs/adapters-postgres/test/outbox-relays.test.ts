import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryOutcome, OutboxMessage } from '@crowndesk/domain';
import { OutboxRelay } from '@crowndesk/domain';
import { CALLER_NAME, HttpOutboxDelivery, OutboxTestBackend } from '@crowndesk/testing';
import { PostgresDurableCallLog, PostgresOutboxStore, PostgresPendingBookingStore, type PostgresDatabase } from '../src';
import { confirmedBooking, finishedCall, pendingBooking } from './support/outbox-fixtures';
import { POSTGRES_ADMIN_URL, T0, usePostgresDatabase } from './support/test-database';

describe.skipIf(!POSTGRES_ADMIN_URL)('outbox relays over a shared PostgreSQL database', () => {
  const fixture = usePostgresDatabase();
  let backend: OutboxTestBackend;

  beforeEach(async () => {
    backend = await OutboxTestBackend.start();
  });
  afterEach(async () => {
    await backend.close();
  });

  const pendingCount = async () =>
    (await fixture.sql("SELECT count(*)::int AS n FROM outbox_messages WHERE status = 'pending'")).rows[0].n as number;

  async function fill(database: PostgresDatabase, calls: number, bookings: number): Promise<string[]> {
    const callLog = new PostgresDurableCallLog(database, { clock: { now: () => T0 } });
    const store = new PostgresPendingBookingStore(database, { clock: { now: () => T0 } });
    const keys: string[] = [];
    for (let index = 0; index < calls; index += 1) {
      await callLog.record(finishedCall(`CA-${index}`));
      keys.push(`call-record:CA-${index}`);
    }
    for (let index = 0; index < bookings; index += 1) {
      await store.queue(pendingBooking(index));
      keys.push(pendingBooking(index).idempotencyKey);
    }
    return keys;
  }

  it('two relays on two pools, running at once, deliver every message exactly once', async () => {
    const keys = await fill(await fixture.open(), 30, 30);
    backend.answerDelayMs = 3;
    const relays = ['east', 'west'].map(
      async (workerId) =>
        new OutboxRelay({
          store: new PostgresOutboxStore(await fixture.open()),
          delivery: new HttpOutboxDelivery(backend.url),
          clock: { now: () => new Date() },
          logger: fixture.logger,
          workerId,
          batchSize: 4,
          pollIntervalMs: 10,
        }),
    );
    const [east, west] = await Promise.all(relays);

    east!.start();
    west!.start();
    try {
      await expect.poll(pendingCount, { timeout: 20_000, interval: 20 }).toBe(0);
    } finally {
      await Promise.all([east!.stop(), west!.stop()]);
    }

    // A healthy backend saw each key exactly once: no message was sent by both relays.
    expect([...backend.attempts.keys()].sort()).toEqual([...keys].sort());
    expect([...backend.attempts.values()].every((attempts) => attempts === 1)).toBe(true);
    expect(backend.effects).toHaveLength(keys.length);
    const delivered = fixture.logger.entries.filter((entry) => entry.message === 'outbox message delivered');
    expect(new Set(delivered.map((entry) => entry.fields['messageId'])).size).toBe(keys.length);
    // Both relays did part of the work.
    expect(new Set(delivered.map((entry) => entry.fields['workerId']))).toEqual(new Set(['east', 'west']));
  });

  it('lets the other relay take over a message whose lease expired, and ignores the stalled relay afterwards', async () => {
    const database = await fixture.open();
    await fill(database, 1, 0);
    let clock = new Date(T0.getTime() + 1_000);
    const store = new PostgresOutboxStore(database);
    const honest = new HttpOutboxDelivery(backend.url);
    const relayB = new OutboxRelay({
      store: new PostgresOutboxStore(await fixture.open()),
      delivery: honest,
      clock: { now: () => clock },
      logger: fixture.logger,
      workerId: 'relay-b',
      leaseMs: 30_000,
    });
    // Relay A stalls past its lease (a long GC pause, a network partition); B takes the message over meanwhile.
    const stalled = {
      async deliver(message: OutboxMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
        clock = new Date(clock.getTime() + 30_001);
        expect(await relayB.relayOnce()).toMatchObject({ claimed: 1, delivered: 1 });
        return honest.deliver(message, signal);
      },
    };
    const relayA = new OutboxRelay({ store, delivery: stalled, clock: { now: () => clock }, logger: fixture.logger, workerId: 'relay-a', leaseMs: 30_000 });

    expect(await relayA.relayOnce()).toMatchObject({ claimed: 1, delivered: 0, leaseLost: 1 });

    const rows = await fixture.sql('SELECT status, attempts, lease_owner FROM outbox_messages');
    expect(rows.rows).toEqual([{ status: 'delivered', attempts: 2, lease_owner: null }]);
    // Both sent it (A's lease had expired), and the backend applied it once.
    expect(backend.attempts.get('call-record:CA-0')).toBe(2);
    expect(backend.effectsPerKey()).toEqual(new Map([['call-record:CA-0', 1]]));
  });

  it('keeps everything through an outage and delivers each message exactly once after', async () => {
    const database = await fixture.open();
    let clock = new Date(T0.getTime() + 1_000);
    const relay = new OutboxRelay({
      store: new PostgresOutboxStore(database),
      delivery: new HttpOutboxDelivery(backend.url),
      clock: { now: () => clock },
      logger: fixture.logger,
      workerId: 'relay-a',
      retry: { baseDelayMs: 1_000, maxDelayMs: 60_000, minDelayMs: 100 },
      random: () => 0.5,
    });
    const rounds = async (count: number) => {
      for (let round = 0; round < count; round += 1) {
        await relay.relayOnce();
        clock = new Date(clock.getTime() + 2_000);
      }
    };
    await backend.setMode('down');
    const keys = await fill(database, 3, 2);
    await rounds(4);
    await backend.setMode('refusing');
    const bookings = new PostgresPendingBookingStore(database, { clock: { now: () => clock } });
    await bookings.confirm(confirmedBooking(9));
    keys.push('appointment-confirm:apt-9');
    await rounds(4);
    expect(backend.effects).toEqual([]);
    expect((await new PostgresOutboxStore(database).backlog(clock)).count).toBe(6);

    await backend.setMode('up');
    clock = new Date(clock.getTime() + 60_000);
    await rounds(3);

    expect(await pendingCount()).toBe(0);
    expect([...backend.effectsPerKey().keys()].sort()).toEqual([...keys].sort());
    expect([...backend.effectsPerKey().values()].every((effects) => effects === 1)).toBe(true);
    expect(fixture.logger.dump()).not.toContain(CALLER_NAME);
  });
});
