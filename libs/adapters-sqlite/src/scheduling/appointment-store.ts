import type Database from 'better-sqlite3';
import type { Appointment, AppointmentStatus, BusyBlock } from '@crowndesk/domain';
import { MAX_APPOINTMENT_MINUTES } from '../database/migrations';
import { addMinutes, type UtcInstant } from '../database/utc-instant';

interface AppointmentRow {
  id: string;
  practice_id: string;
  patient_id: string;
  type_code: string;
  provider_id: string;
  operatory_id: string;
  start_utc: string;
  end_utc: string;
  status: string;
}

export interface NewAppointment {
  id: string;
  practiceId: string;
  patientId: string;
  typeCode: string;
  providerId: string;
  operatoryId: string;
  start: UtcInstant;
  end: UtcInstant;
  idempotencyKey: string | null;
  rescheduledFrom: string | null;
  createdAt: UtcInstant;
}

/** The time one appointment would occupy: one provider and one operatory, [start, end). */
export interface ScheduleSpan {
  providerId: string;
  operatoryId: string;
  start: UtcInstant;
  end: UtcInstant;
}

/** Which resource of a span is already taken, if any. */
export type ScheduleConflict = 'provider' | 'operatory' | null;

const COLUMNS = 'id, practice_id, patient_id, type_code, provider_id, operatory_id, start_utc, end_utc, status';
/** Must match the WHERE of the partial indexes word for word, or SQLite will not use them. */
const OCCUPYING = "status IN ('scheduled', 'confirmed')";
const STATUSES: ReadonlySet<string> = new Set<AppointmentStatus>(['scheduled', 'confirmed', 'cancelled', 'rescheduled']);

interface OverlapParams {
  practiceId: string;
  resourceId: string;
  start: string;
  end: string;
  /** No occupying appointment starting at or before this can reach `start` (see MAX_APPOINTMENT_MINUTES). */
  earliestStart: string;
  ignoreId: string | null;
}

/**
 * The appointments table. Overlap means `start < other.end AND end > other.start` (half-open intervals, so
 * back-to-back appointments do not collide). Call the write methods inside a transaction.
 */
export class AppointmentStore {
  private readonly byIdStatement: Database.Statement<[string, string], AppointmentRow>;
  private readonly byKeyStatement: Database.Statement<[string, string], AppointmentRow>;
  private readonly insertStatement: Database.Statement<[NewAppointment]>;
  private readonly setStatusStatement: Database.Statement<[AppointmentStatus, string, string]>;
  private readonly providerOverlap: Database.Statement<[OverlapParams], number>;
  private readonly operatoryOverlap: Database.Statement<[OverlapParams], number>;
  private readonly busyStatement: Database.Statement<
    [{ practiceId: string; from: string; to: string; earliestStart: string; ignoreId: string | null }],
    AppointmentRow
  >;
  private readonly endingAfterStatement: Database.Statement<[string, string, string], AppointmentRow>;

  constructor(handle: Database.Database) {
    this.byIdStatement = handle.prepare(`SELECT ${COLUMNS} FROM appointments WHERE practice_id = ? AND id = ?`);
    this.byKeyStatement = handle.prepare(`SELECT ${COLUMNS} FROM appointments WHERE practice_id = ? AND idempotency_key = ?`);
    this.insertStatement = handle.prepare(
      `INSERT INTO appointments (id, practice_id, patient_id, type_code, provider_id, operatory_id, start_utc, end_utc,
         status, idempotency_key, rescheduled_from, created_at, updated_at)
       VALUES (@id, @practiceId, @patientId, @typeCode, @providerId, @operatoryId, @start, @end,
         'scheduled', @idempotencyKey, @rescheduledFrom, @createdAt, @createdAt)`,
    );
    this.setStatusStatement = handle.prepare('UPDATE appointments SET status = ?, updated_at = ? WHERE id = ?');
    const overlap = (resourceColumn: string) =>
      handle
        .prepare<[OverlapParams], number>(
          `SELECT 1 FROM appointments
           WHERE practice_id = @practiceId AND ${resourceColumn} = @resourceId AND ${OCCUPYING}
             AND start_utc > @earliestStart AND start_utc < @end AND end_utc > @start
             AND id IS NOT @ignoreId
           LIMIT 1`,
        )
        .pluck();
    this.providerOverlap = overlap('provider_id');
    this.operatoryOverlap = overlap('operatory_id');
    this.busyStatement = handle.prepare(
      `SELECT ${COLUMNS} FROM appointments
       WHERE practice_id = @practiceId AND ${OCCUPYING}
         AND start_utc > @earliestStart AND start_utc < @to AND end_utc > @from
         AND id IS NOT @ignoreId
       ORDER BY start_utc`,
    );
    this.endingAfterStatement = handle.prepare(
      `SELECT ${COLUMNS} FROM appointments
       WHERE practice_id = ? AND patient_id = ? AND end_utc > ?
       ORDER BY start_utc, id`,
    );
  }

  byId(practiceId: string, appointmentId: string): Appointment | null {
    return appointmentOrNull(this.byIdStatement.get(practiceId, appointmentId));
  }

  byIdempotencyKey(practiceId: string, idempotencyKey: string): Appointment | null {
    return appointmentOrNull(this.byKeyStatement.get(practiceId, idempotencyKey));
  }

  /** Inserts a 'scheduled' appointment and returns it. */
  insert(appointment: NewAppointment): Appointment {
    this.insertStatement.run(appointment);
    const { id, practiceId, patientId, typeCode, providerId, operatoryId, start, end } = appointment;
    return { id, practiceId, patientId, typeCode, providerId, operatoryId, start, end, status: 'scheduled' };
  }

  setStatus(appointmentId: string, status: AppointmentStatus, at: UtcInstant): void {
    this.setStatusStatement.run(status, at, appointmentId);
  }

  /** Whether the span's provider or operatory already has an occupying appointment overlapping it. */
  conflictOf(practiceId: string, span: ScheduleSpan, ignoreAppointmentId: string | null = null): ScheduleConflict {
    const params = {
      practiceId,
      start: span.start,
      end: span.end,
      earliestStart: addMinutes(span.start, -MAX_APPOINTMENT_MINUTES),
      ignoreId: ignoreAppointmentId,
    };
    if (this.providerOverlap.get({ ...params, resourceId: span.providerId }) !== undefined) return 'provider';
    if (this.operatoryOverlap.get({ ...params, resourceId: span.operatoryId }) !== undefined) return 'operatory';
    return null;
  }

  /** Busy time of every provider and operatory overlapping [from, to), except that of `ignoreAppointmentId`. */
  busyBetween(practiceId: string, from: UtcInstant, to: UtcInstant, ignoreAppointmentId: string | null = null): BusyBlock[] {
    const earliestStart = addMinutes(from, -MAX_APPOINTMENT_MINUTES);
    return this.busyStatement.all({ practiceId, from, to, earliestStart, ignoreId: ignoreAppointmentId }).map((row) => ({
      providerId: row.provider_id,
      operatoryId: row.operatory_id,
      start: row.start_utc,
      end: row.end_utc,
    }));
  }

  /** The patient's appointments (any status) that end after `after`, earliest first. */
  endingAfter(practiceId: string, patientId: string, after: UtcInstant): Appointment[] {
    return this.endingAfterStatement.all(practiceId, patientId, after).map(appointmentFromRow);
  }
}

function appointmentOrNull(row: AppointmentRow | undefined): Appointment | null {
  return row ? appointmentFromRow(row) : null;
}

function appointmentFromRow(row: AppointmentRow): Appointment {
  if (!STATUSES.has(row.status)) {
    throw new Error(`Appointment ${row.id} has an unknown status "${row.status}"`);
  }
  return {
    id: row.id,
    practiceId: row.practice_id,
    patientId: row.patient_id,
    typeCode: row.type_code,
    providerId: row.provider_id,
    operatoryId: row.operatory_id,
    start: row.start_utc,
    end: row.end_utc,
    status: row.status as AppointmentStatus,
  };
}
