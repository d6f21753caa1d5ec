import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CALLER_NAME, CALLER_NUMBER } from '@crowndesk/testing';
import { SqliteDurableCallLog, SqliteOutboxStore, SqlitePendingBookingStore } from '../src';
import { confirmedBooking, finishedCall, pendingBooking } from './support/outbox-fixtures';
import { useTempDatabase } from './support/temp-database';

const count = (handle: Database.Database, table: string) =>
  handle.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get();

/** A real failure inside the transaction: the database itself refuses the second write. */
function failInsertsInto(handle: Database.Database, table: string): void {
  handle.exec(`CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
}

describe('SqliteDurableCallLog', () => {
  const fixture = useTempDatabase();

  it('writes the call record and its outbox message together, once per call id', async () => {
    const database = fixture.open({ seedDemo: false });
    let woken = 0;
    const callLog = new SqliteDurableCallLog(database, { onQueued: () => (woken += 1) });

    await callLog.record(finishedCall('CA-1'));
    await callLog.record({ ...finishedCall('CA-1'), outcome: 'no_action' });

    expect(count(database.handle, 'call_records')).toBe(1);
    const messages = database.handle.prepare('SELECT topic, idempotency_key, payload, status, attempts FROM outbox_messages').all();
    expect(messages).toEqual([
      {
        topic: 'call.record',
        idempotency_key: 'call-record:CA-1',
        payload: JSON.stringify(finishedCall('CA-1')),
        status: 'pending',
        attempts: 0,
      },
    ]);
    expect(woken).toBe(1);
    expect(await callLog.deliveryOf('CA-1')).toEqual({ status: 'pending', attempts: 0, lastError: null });
    expect(await callLog.deliveryOf('CA-unknown')).toBeNull();
    expect(fixture.logger.dump()).not.toContain(CALLER_NAME);
    expect(fixture.logger.dump()).not.toContain(CALLER_NUMBER);
  });

  it('leaves neither the call record nor the message when the transaction fails', async () => {
    const database = fixture.open({ seedDemo: false });
    let woken = 0;
    const callLog = new SqliteDurableCallLog(database, { onQueued: () => (woken += 1) });
    failInsertsInto(database.handle, 'outbox_messages');

    await expect(callLog.record(finishedCall('CA-1'))).rejects.toThrow('Could not record call CA-1');

    expect(count(database.handle, 'call_records')).toBe(0);
    expect(count(database.handle, 'outbox_messages')).toBe(0);
    expect(woken).toBe(0);
  });

  it('writes nothing when the call record itself is refused', async () => {
    const database = fixture.open({ seedDemo: false });
    const callLog = new SqliteDurableCallLog(database);
    failInsertsInto(database.handle, 'call_records');

    await expect(callLog.record(finishedCall('CA-1'))).rejects.toThrow('Could not record call CA-1');
    expect(count(database.handle, 'outbox_messages')).toBe(0);
  });

  it('refuses a malformed call before writing anything', async () => {
    const database = fixture.open({ seedDemo: false });
    const callLog = new SqliteDurableCallLog(database);

    await expect(callLog.record({ ...finishedCall('CA-1'), endedAt: 'yesterday' })).rejects.toThrow('Invalid call record');
    expect(count(database.handle, 'call_records')).toBe(0);
  });
});

describe('SqlitePendingBookingStore', () => {
  const fixture = useTempDatabase();

  it('keeps a queued booking with the message that creates it later under the same key', async () => {
    const database = fixture.open({ seedDemo: false });
    const bookings = new SqlitePendingBookingStore(database);
    const booking = pendingBooking(1);

    await bookings.queue(booking);
    await bookings.queue({ ...booking, requestedAt: '2026-06-01T13:30:00.000Z' });

    expect(await bookings.find(booking.practiceId, booking.idempotencyKey)).toEqual({
      practiceId: booking.practiceId,
      callId: booking.callId,
      patientId: booking.patientId,
      slot: booking.slot,
      idempotencyKey: booking.idempotencyKey,
      kind: 'queued',
      appointmentId: null,
      delivery: { status: 'pending', attempts: 0, lastError: null },
    });
    const messages = database.handle.prepare('SELECT topic, idempotency_key, payload FROM outbox_messages').all();
    expect(messages).toEqual([
      {
        topic: 'appointment.book',
        idempotency_key: booking.idempotencyKey,
        payload: JSON.stringify({ callId: booking.callId, patientId: booking.patientId, slot: booking.slot, requestedAt: booking.requestedAt }),
      },
    ]);
  });

  it('keeps a confirmed booking with its confirmation message, one per appointment', async () => {
    const database = fixture.open({ seedDemo: false });
    const bookings = new SqlitePendingBookingStore(database);
    const booking = confirmedBooking(7);

    await bookings.confirm(booking);
    // The same appointment confirmed again under another booking key (a re-asked tool call): still one message.
    await bookings.confirm({ ...booking, idempotencyKey: 'book-other' });

    expect(count(database.handle, 'call_bookings')).toBe(2);
    const messages = database.handle.prepare('SELECT topic, idempotency_key FROM outbox_messages').all();
    expect(messages).toEqual([{ topic: 'appointment.confirm', idempotency_key: 'appointment-confirm:apt-7' }]);
    const found = await bookings.find(booking.appointment.practiceId, 'book-other');
    expect(found).toMatchObject({ kind: 'confirmed', appointmentId: 'apt-7', delivery: { status: 'pending' } });
  });

  it('leaves neither the booking nor the message when the transaction fails', async () => {
    const database = fixture.open({ seedDemo: false });
    const bookings = new SqlitePendingBookingStore(database);
    failInsertsInto(database.handle, 'outbox_messages');

    await expect(bookings.queue(pendingBooking(1))).rejects.toThrow('Could not keep the queued booking of call CA-1');
    await expect(bookings.confirm(confirmedBooking(2))).rejects.toThrow('Could not keep the confirmed booking of call CA-2');

    expect(count(database.handle, 'call_bookings')).toBe(0);
    expect(count(database.handle, 'outbox_messages')).toBe(0);
  });

  it('lists the queued bookings the backend refused, for staff to call the patient back', async () => {
    const database = fixture.open({ seedDemo: false });
    const bookings = new SqlitePendingBookingStore(database);
    const store = new SqliteOutboxStore(database);
    await bookings.queue(pendingBooking(2));
    await bookings.queue(pendingBooking(1));
    await bookings.queue(pendingBooking(3));

    const claimed = await store.claimDue('relay-a', fixture.now, 10, 30_000);
    for (const message of claimed) {
      if (message.idempotencyKey === pendingBooking(3).idempotencyKey) await store.markDelivered(message.id, 'relay-a', fixture.now);
      else await store.markRejected(message.id, 'relay-a', 'slot_taken', fixture.now);
    }

    const callBacks = await bookings.needingCallBack(pendingBooking(1).practiceId);
    expect(callBacks.map((booking) => [booking.idempotencyKey, booking.delivery])).toEqual([
      [pendingBooking(1).idempotencyKey, { status: 'rejected', attempts: 1, lastError: 'slot_taken' }],
      [pendingBooking(2).idempotencyKey, { status: 'rejected', attempts: 1, lastError: 'slot_taken' }],
    ]);
    expect(await bookings.needingCallBack('another-practice')).toEqual([]);
  });
});
