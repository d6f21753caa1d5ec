import type Database from 'better-sqlite3';
import type { Patient } from '@crowndesk/domain';
import type { UtcInstant } from '../database/utc-instant';

interface PatientRow {
  id: string;
  practice_id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  phone: string | null;
}

export interface NewPatientRow {
  id: string;
  practiceId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string | null;
  idempotencyKey: string | null;
  createdAt: UtcInstant;
}

const COLUMNS = 'id, practice_id, first_name, last_name, date_of_birth, phone';

/** The patients table, always scoped to one practice. */
export class PatientStore {
  private readonly byIdStatement: Database.Statement<[string, string], PatientRow>;
  private readonly byKeyStatement: Database.Statement<[string, string], PatientRow>;
  private readonly byBirthDateStatement: Database.Statement<[string, string], PatientRow>;
  private readonly insertStatement: Database.Statement<[NewPatientRow]>;

  constructor(handle: Database.Database) {
    this.byIdStatement = handle.prepare(`SELECT ${COLUMNS} FROM patients WHERE practice_id = ? AND id = ?`);
    this.byKeyStatement = handle.prepare(`SELECT ${COLUMNS} FROM patients WHERE practice_id = ? AND idempotency_key = ?`);
    this.byBirthDateStatement = handle.prepare(
      `SELECT ${COLUMNS} FROM patients WHERE practice_id = ? AND date_of_birth = ? ORDER BY last_name, first_name, id`,
    );
    this.insertStatement = handle.prepare(
      `INSERT INTO patients (id, practice_id, first_name, last_name, date_of_birth, phone, idempotency_key, created_at)
       VALUES (@id, @practiceId, @firstName, @lastName, @dateOfBirth, @phone, @idempotencyKey, @createdAt)`,
    );
  }

  byId(practiceId: string, patientId: string): Patient | null {
    return patientOrNull(this.byIdStatement.get(practiceId, patientId));
  }

  byIdempotencyKey(practiceId: string, idempotencyKey: string): Patient | null {
    return patientOrNull(this.byKeyStatement.get(practiceId, idempotencyKey));
  }

  withDateOfBirth(practiceId: string, dateOfBirth: string): Patient[] {
    return this.byBirthDateStatement.all(practiceId, dateOfBirth).map(patientFromRow);
  }

  insert(patient: NewPatientRow): Patient {
    this.insertStatement.run(patient);
    return patientFromRow({
      id: patient.id,
      practice_id: patient.practiceId,
      first_name: patient.firstName,
      last_name: patient.lastName,
      date_of_birth: patient.dateOfBirth,
      phone: patient.phone,
    });
  }
}

function patientOrNull(row: PatientRow | undefined): Patient | null {
  return row ? patientFromRow(row) : null;
}

function patientFromRow(row: PatientRow): Patient {
  const patient: Patient = {
    id: row.id,
    practiceId: row.practice_id,
    firstName: row.first_name,
    lastName: row.last_name,
    dateOfBirth: row.date_of_birth,
  };
  if (row.phone !== null) patient.phone = row.phone;
  return patient;
}
