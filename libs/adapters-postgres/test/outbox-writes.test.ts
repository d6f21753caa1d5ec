import { describe, expect, it } from 'vitest';
import { CALLER_NAME, CALLER_NUMBER } from '@crowndesk/testing';
import { PostgresDurableCallLog, PostgresOutboxStore, PostgresPendingBookingStore } from '../src';
import { confirmedBooking, finishedCall, pendingBooking, PRACTICE_ID } from './support/outbox-fixtures';
import { failInsertsInto, POSTGRES_ADMIN_URL, T0, usePostgresDatabase } from './support/test-database';

describe.skipIf(!POSTGRES_ADMIN_URL)('PostgresDurableCallLog', () => {
  const fixture = usePostgresDatabase();
  const count = async (table: string) => (await fixture.sql(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it('writes the call record and its outbox message together, once per call id', async () => {
    let woken = 0;
    const callLog = new PostgresDurableCallLog(await fixture.open(), { clock: { now: () => T0 }, onQueued: () => (woken += 1) });

    await callLog.record(finishedCall('CA-1'));
    await callLog.record({ ...finishedCall('CA-1'), outcome: 'no_action' });

    const records = await fixture.sql('SELECT call_id, outcome, transcript, caller_number, recorded_at FROM call_records');
    expect(records.rows).toEqual([
      { call_id: 'CA-1', outcome: 'booked', transcript: finishedCall('CA-1').transcript, caller_number: CALLER_NUMBER, recorded_at: T0 },
    ]);
    const messages = await fixture.sql('SELECT topic, idempotency_key, payload, status, attempts, next_attempt_at FROM outbox_messages');
    expect(messages.rows).toEqual([
      {
        topic: 'call.record',
        idempotency_key: 'call-record:CA-1',
        payload: finishedCall('CA-1'),
        status: 'pending',
        attempts: 0,
        next_attempt_at: T0,
      },
    ]);
    expect(woken).toBe(1);
    expect(await callLog.deliveryOf('CA-1')).toEqual({ status: 'pending', attempts: 0, lastError: null });
    expect(await callLog.deliveryOf('CA-unknown')).toBeNull();
    expect(fixture.logger.dump()).not.toContain(CALLER_NAME);
    expect(fixture.logger.dump()).not.toContain(CALLER_NUMBER);
  });

  it('keeps one record and one message when two machines record the same call at the same moment', async () => {
    const machines = [new PostgresDurableCallLog(await fixture.open()), new PostgresDurableCallLog(await fixture.open())];

    await Promise.all(Array.from({ length: 8 }, (_, index) => machines[index % 2]!.record(finishedCall('CA-race'))));

    expect(await count('call_records')).toBe(1);
    expect(await count('outbox_messages')).toBe(1);
  });

  it('leaves neither the call record nor the message when the transaction fails', async () => {
    let woken = 0;
    const callLog = new PostgresDurableCallLog(await fixture.open(), { onQueued: () => (woken += 1) });
    await failInsertsInto(fixture, 'outbox_messages');

    await expect(callLog.record(finishedCall('CA-1'))).rejects.toThrow('Could not record call CA-1');

    expect(await count('call_records')).toBe(0);
    expect(await count('outbox_messages')).toBe(0);
    expect(woken).toBe(0);
  });

  it('refuses a malformed call before writing anything, naming fields and never values', async () => {
    const callLog = new PostgresDurableCallLog(await fixture.open());

    await expect(callLog.record({ ...finishedCall('CA-1'), endedAt: CALLER_NAME })).rejects.toThrow(
      'Invalid outbox message (call.record): bad endedAt',
    );
    expect(await count('call_records')).toBe(0);
  });
});

describe.skipIf(!POSTGRES_ADMIN_URL)('PostgresPendingBookingStore', () => {
  const fixture = usePostgresDatabase();
  const count = async (table: string) => (await fixture.sql(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it('keeps a queued booking with the message that creates it later under the same key', async () => {
    const bookings = new PostgresPendingBookingStore(await fixture.open());
    const booking = pendingBooking(1);

    await bookings.queue(booking);
    await bookings.queue({ ...booking, requestedAt: '2026-06-01T13:30:00.000Z' });

    expect(await bookings.find(PRACTICE_ID, booking.idempotencyKey)).toEqual({
      practiceId: PRACTICE_ID,
      callId: booking.callId,
      patientId: booking.patientId,
      slot: booking.slot,
      idempotencyKey: booking.idempotencyKey,
      kind: 'queued',
      appointmentId: null,
      delivery: { status: 'pending', attempts: 0, lastError: null },
    });
    const messages = await fixture.sql('SELECT topic, idempotency_key, payload FROM outbox_messages');
    expect(messages.rows).toEqual([
      {
        topic: 'appointment.book',
        idempotency_key: booking.idempotencyKey,
        payload: { callId: booking.callId, patientId: booking.patientId, slot: booking.slot, requestedAt: booking.requestedAt },
      },
    ]);
  });

  it('keeps one booking and one message when two machines queue the same booking at once', async () => {
    const machines = [new PostgresPendingBookingStore(await fixture.open()), new PostgresPendingBookingStore(await fixture.open())];

    await Promise.all(Array.from({ length: 6 }, (_, index) => machines[index % 2]!.queue(pendingBooking(1))));

    expect(await count('call_bookings')).toBe(1);
    expect(await count('outbox_messages')).toBe(1);
  });

  it('keeps a confirmed booking with its confirmation message, one per appointment', async () => {
    const bookings = new PostgresPendingBookingStore(await fixture.open());
    const booking = confirmedBooking(7);

    await bookings.confirm(booking);
    await bookings.confirm({ ...booking, idempotencyKey: 'book-other' });

    expect(await count('call_bookings')).toBe(2);
    const messages = await fixture.sql('SELECT topic, idempotency_key FROM outbox_messages');
    expect(messages.rows).toEqual([{ topic: 'appointment.confirm', idempotency_key: 'appointment-confirm:apt-7' }]);
    expect(await bookings.find(PRACTICE_ID, 'book-other')).toMatchObject({
      kind: 'confirmed',
      appointmentId: 'apt-7',
      delivery: { status: 'pending' },
    });
  });

  it('leaves neither the booking nor the message when the transaction fails', async () => {
    const bookings = new PostgresPendingBookingStore(await fixture.open());
    await failInsertsInto(fixture, 'outbox_messages');

    await expect(bookings.queue(pendingBooking(1))).rejects.toThrow('Could not keep the queued booking of call CA-1');
    await expect(bookings.confirm(confirmedBooking(2))).rejects.toThrow('Could not keep the confirmed booking of call CA-2');

    expect(await count('call_bookings')).toBe(0);
    expect(await count('outbox_messages')).toBe(0);
  });

  it('lists the queued bookings the backend refused, for staff to call the patient back', async () => {
    const database = await fixture.open();
    const bookings = new PostgresPendingBookingStore(database);
    const store = new PostgresOutboxStore(database);
    for (const n of [2, 1, 3]) await bookings.queue(pendingBooking(n));

    for (const message of await store.claimDue('relay-a', new Date(), 10, 30_000)) {
      if (message.idempotencyKey === pendingBooking(3).idempotencyKey) await store.markDelivered(message.id, 'relay-a', new Date());
      else await store.markRejected(message.id, 'relay-a', 'slot_taken', new Date());
    }

    const callBacks = await bookings.needingCallBack(PRACTICE_ID);
    expect(callBacks.map((booking) => [booking.idempotencyKey, booking.delivery])).toEqual([
      [pendingBooking(1).idempotencyKey, { status: 'rejected', attempts: 1, lastError: 'slot_taken' }],
      [pendingBooking(2).idempotencyKey, { status: 'rejected', attempts: 1, lastError: 'slot_taken' }],
    ]);
    expect(await bookings.needingCallBack('another-practice')).toEqual([]);
  });
});
