import {
  DEMO_PRACTICE_ID,
  openEmbeddedDatabase,
  SqliteCallLog,
  SqlitePracticeDirectory,
  SqliteSchedulingBackend,
} from '@crowndesk/adapters-sqlite';
import type { Appointment, CallRecord, Patient } from '@crowndesk/domain';
import { silentLogger } from '@crowndesk/testing';

/** Reads what a (stopped) gateway left in its data directory, through the SQLite adapters themselves. */
export async function readEmbeddedRecords<T>(
  dataDir: string,
  read: (records: {
    callLog: SqliteCallLog;
    patientsNamed(fullName: string, dateOfBirth: string): Promise<Patient[]>;
    appointmentsOf(patientId: string): Promise<Appointment[]>;
  }) => Promise<T>,
): Promise<T> {
  const database = openEmbeddedDatabase({ dataDir, logger: silentLogger });
  try {
    const practice = await new SqlitePracticeDirectory(database).byId(DEMO_PRACTICE_ID);
    if (!practice) throw new Error('the demo practice is missing');
    const backend = new SqliteSchedulingBackend(database);
    return await read({
      callLog: new SqliteCallLog(database),
      patientsNamed: (fullName, dateOfBirth) => backend.findPatients(practice, { fullName, dateOfBirth }),
      appointmentsOf: (patientId) => backend.appointmentsOf(practice, patientId),
    });
  } finally {
    database.close();
  }
}

export type { CallRecord };
