import type Database from 'better-sqlite3';
import type { CallBooking, CallBookingWrite, ConfirmedBooking, PendingBooking, PendingBookingStore } from '@crowndesk/domain';
import { confirmedBookingWrite, queuedBookingWrite } from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { toUtcInstant } from '../database/utc-instant';
import { newOutboxId, OutboxWriter } from './outbox-writer';
import type { OutboxWriteOptions } from './sqlite-durable-call-log';

interface CallBookingRow {
  practice_id: string;
  idempotency_key: string;
  kind: 'queued' | 'confirmed';
  call_id: string;
  patient_id: string;
  type_code: string;
  provider_id: string;
  operatory_id: string;
  start_utc: string;
  end_utc: string;
  appointment_id: string | null;
  status: 'pending' | 'delivered' | 'rejected';
  attempts: number;
  last_error: string | null;
}


const SELECT_BOOKINGS = `
  SELECT b.practice_id, b.idempotency_key, b.kind, b.call_id, b.patient_id, b.type_code, b.provider_id, b.operatory_id,
         b.start_utc, b.end_utc, b.appointment_id, m.status, m.attempts, m.last_error
    FROM call_bookings b JOIN outbox_messages m ON m.id = b.outbox_message_id`;

/**
 * Bookings made on calls, each written with its outbox message in one transaction: a booking the caller
 * agreed to is never lost. The booking's key is the primary key, so keeping it twice keeps one booking and
 * one message (the first).
 */
export class SqlitePendingBookingStore implements PendingBookingStore {
  private readonly keep: (booking: CallBookingWrite) => boolean;
  private readonly findStatement: Database.Statement<[string, string], CallBookingRow>;
  private readonly callBackStatement: Database.Statement<[string, number], CallBookingRow>;

  constructor(
    private readonly database: EmbeddedDatabase,
    private readonly options: OutboxWriteOptions = {},
  ) {
    const { handle } = database;
    const outbox = new OutboxWriter(handle);
    const insertBooking = handle.prepare<[Record<string, string | null>]>(
      `INSERT INTO call_bookings (practice_id, idempotency_key, kind, call_id, patient_id, type_code, provider_id,
         operatory_id, start_utc, end_utc, appointment_id, outbox_message_id, created_at)
       VALUES (@practiceId, @idempotencyKey, @kind, @callId, @patientId, @typeCode, @providerId,
         @operatoryId, @startUtc, @endUtc, @appointmentId, @outboxMessageId, @now)
       ON CONFLICT (practice_id, idempotency_key) DO NOTHING`,
    );
    // The booking row first (its key decides "already kept"); its foreign key to the message is checked at commit.
    this.keep = handle.transaction((booking: CallBookingWrite): boolean => {
      const now = database.now();
      const messageId = newOutboxId();
      const inserted =
        insertBooking.run({
          practiceId: booking.practiceId,
          idempotencyKey: booking.idempotencyKey,
          kind: booking.kind,
          callId: booking.callId,
          patientId: booking.patientId,
          typeCode: booking.slot.typeCode,
          providerId: booking.slot.providerId,
          operatoryId: booking.slot.operatoryId,
          startUtc: toUtcInstant(booking.slot.start),
          endUtc: toUtcInstant(booking.slot.end),
          appointmentId: booking.appointmentId,
          outboxMessageId: messageId,
          now: toUtcInstant(now),
        }).changes === 1;
      if (!inserted) return false;
      const written = outbox.write(booking.message, now, messageId);
      // The message was already there (the same appointment confirmed under another booking key): point at it.
      if (written.id !== messageId) {
        linkMessage.run({ practiceId: booking.practiceId, idempotencyKey: booking.idempotencyKey, messageId: written.id });
      }
      return true;
    }).immediate;
    const linkMessage = handle.prepare<[Record<string, string>]>(
      `UPDATE call_bookings SET outbox_message_id = @messageId WHERE practice_id = @practiceId AND idempotency_key = @idempotencyKey`,
    );
    this.findStatement = handle.prepare(`${SELECT_BOOKINGS} WHERE b.practice_id = ? AND b.idempotency_key = ?`);
    this.callBackStatement = handle.prepare(
      `${SELECT_BOOKINGS} WHERE b.practice_id = ? AND b.kind = 'queued' AND m.status = 'rejected'
        ORDER BY b.start_utc LIMIT ?`,
    );
  }

  async queue(booking: PendingBooking): Promise<void> {
    this.run(queuedBookingWrite(booking), 'booking queued for the backend');
  }

  async confirm(booking: ConfirmedBooking): Promise<void> {
    this.run(confirmedBookingWrite(booking), 'booking confirmation queued for the backend');
  }

  async find(practiceId: string, idempotencyKey: string): Promise<CallBooking | null> {
    const row = this.findStatement.get(practiceId, idempotencyKey);
    return row ? bookingFromRow(row) : null;
  }

  async needingCallBack(practiceId: string, limit = 50): Promise<CallBooking[]> {
    return this.callBackStatement.all(practiceId, limit).map(bookingFromRow);
  }

  private run(booking: CallBookingWrite, message: string): void {
    let kept: boolean;
    try {
      kept = this.keep(booking);
    } catch (error) {
      throw new Error(`Could not keep the ${booking.kind} booking of call ${booking.callId}`, { cause: error });
    }
    const fields = { practiceId: booking.practiceId, callId: booking.callId, kind: booking.kind, appointmentId: booking.appointmentId };
    if (!kept) {
      this.database.logger.info(fields, 'booking already kept: duplicate ignored');
      return;
    }
    this.database.logger.info(fields, message);
    this.options.onQueued?.();
  }
}

function bookingFromRow(row: CallBookingRow): CallBooking {
  return {
    practiceId: row.practice_id,
    callId: row.call_id,
    patientId: row.patient_id,
    slot: {
      typeCode: row.type_code,
      providerId: row.provider_id,
      operatoryId: row.operatory_id,
      start: row.start_utc,
      end: row.end_utc,
    },
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    appointmentId: row.appointment_id,
    delivery: { status: row.status, attempts: row.attempts, lastError: row.last_error },
  };
}
