import type { CallBooking, CallBookingWrite, ConfirmedBooking, PendingBooking, PendingBookingStore } from '@crowndesk/domain';
import { assertValidOutboxMessage, confirmedBookingWrite, queuedBookingWrite } from '@crowndesk/domain';
import type { PostgresDatabase } from '../database/postgres-database';
import { type OutboxWriteOptions, systemClock } from './outbox-write-options';
import { newOutboxId, writeOutboxMessage } from './outbox-writer';

interface CallBookingRow {
  practice_id: string;
  idempotency_key: string;
  kind: 'queued' | 'confirmed';
  call_id: string;
  patient_id: string;
  type_code: string;
  provider_id: string;
  operatory_id: string;
  start_at: Date;
  end_at: Date;
  appointment_id: string | null;
  status: 'pending' | 'delivered' | 'rejected';
  attempts: number;
  last_error: string | null;
}


const SELECT_BOOKINGS = `
  SELECT b.practice_id, b.idempotency_key, b.kind, b.call_id, b.patient_id, b.type_code, b.provider_id, b.operatory_id,
         b.start_at, b.end_at, b.appointment_id, m.status, m.attempts, m.last_error
    FROM call_bookings b JOIN outbox_messages m ON m.id = b.outbox_message_id`;

/**
 * Bookings made on calls, each written with its outbox message in one transaction: a booking the caller
 * agreed to is never lost. The booking's key is the primary key, so keeping it twice (even on two machines
 * at once) keeps one booking and one message (the first).
 */
export class PostgresPendingBookingStore implements PendingBookingStore {
  constructor(
    private readonly database: PostgresDatabase,
    private readonly options: OutboxWriteOptions = {},
  ) {}

  async queue(booking: PendingBooking): Promise<void> {
    await this.keep(queuedBookingWrite(booking), 'booking queued for the backend');
  }

  async confirm(booking: ConfirmedBooking): Promise<void> {
    await this.keep(confirmedBookingWrite(booking), 'booking confirmation queued for the backend');
  }

  async find(practiceId: string, idempotencyKey: string): Promise<CallBooking | null> {
    const result = await this.database.pool.query<CallBookingRow>(
      `${SELECT_BOOKINGS} WHERE b.practice_id = $1 AND b.idempotency_key = $2`,
      [practiceId, idempotencyKey],
    );
    const row = result.rows[0];
    return row ? bookingFromRow(row) : null;
  }

  async needingCallBack(practiceId: string, limit = 50): Promise<CallBooking[]> {
    const result = await this.database.pool.query<CallBookingRow>(
      `${SELECT_BOOKINGS} WHERE b.practice_id = $1 AND b.kind = 'queued' AND m.status = 'rejected'
        ORDER BY b.start_at LIMIT $2`,
      [practiceId, limit],
    );
    return result.rows.map(bookingFromRow);
  }

  private async keep(booking: CallBookingWrite, logMessage: string): Promise<void> {
    assertValidOutboxMessage(booking.message);
    const now = (this.options.clock ?? systemClock).now();
    let kept: boolean;
    try {
      kept = await this.database.transaction(async (client) => {
        const messageId = newOutboxId();
        // The booking row first: its key decides "already kept" (a concurrent keeper waits for our commit).
        // Its foreign key to the message is checked at commit.
        const inserted = await client.query(
          `INSERT INTO call_bookings (practice_id, idempotency_key, kind, call_id, patient_id, type_code, provider_id,
             operatory_id, start_at, end_at, appointment_id, outbox_message_id, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (practice_id, idempotency_key) DO NOTHING`,
          [
            booking.practiceId,
            booking.idempotencyKey,
            booking.kind,
            booking.callId,
            booking.patientId,
            booking.slot.typeCode,
            booking.slot.providerId,
            booking.slot.operatoryId,
            booking.slot.start,
            booking.slot.end,
            booking.appointmentId,
            messageId,
            now,
          ],
        );
        if (inserted.rowCount !== 1) return false;
        const written = await writeOutboxMessage(client, booking.message, now, messageId);
        // The message was already there (the same appointment confirmed under another booking key): point at it.
        if (written.id !== messageId) {
          await client.query('UPDATE call_bookings SET outbox_message_id = $1 WHERE practice_id = $2 AND idempotency_key = $3', [
            written.id,
            booking.practiceId,
            booking.idempotencyKey,
          ]);
        }
        return true;
      });
    } catch (error) {
      throw new Error(`Could not keep the ${booking.kind} booking of call ${booking.callId}`, { cause: error });
    }
    const fields = { practiceId: booking.practiceId, callId: booking.callId, kind: booking.kind, appointmentId: booking.appointmentId };
    if (!kept) {
      this.database.logger.info(fields, 'booking already kept: duplicate ignored');
      return;
    }
    this.database.logger.info(fields, logMessage);
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
      start: row.start_at.toISOString(),
      end: row.end_at.toISOString(),
    },
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    appointmentId: row.appointment_id,
    delivery: { status: row.status, attempts: row.attempts, lastError: row.last_error },
  };
}
