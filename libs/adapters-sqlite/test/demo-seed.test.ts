import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DEMO_APPOINTMENT,
  DEMO_PATIENTS,
  DEMO_PRACTICE,
  DEMO_PRACTICE_ID,
  SqlitePracticeDirectory,
  SqliteSchedulingBackend,
  demoAppointmentStart,
} from '../src';
import { useTempDatabase } from './support/temp-database';

const count = (handle: Database.Database, table: string) =>
  handle.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get();

describe('demo seed', () => {
  const fixture = useTempDatabase();

  it('seeds the demo practice, its routing, three patients and one appointment', async () => {
    const database = fixture.open();

    expect(await new SqlitePracticeDirectory(database).byId(DEMO_PRACTICE_ID)).toEqual(DEMO_PRACTICE);
    expect(count(database.handle, 'practices')).toBe(1);
    expect(count(database.handle, 'practice_phone_numbers')).toBe(1);
    expect(count(database.handle, 'practice_voice_agents')).toBe(1);
    expect(count(database.handle, 'patients')).toBe(3);
    expect(count(database.handle, 'appointments')).toBe(1);
    expect(fixture.logger.messages()).toContain('demo practice seeded');
  });

  it('is never repeated on reopen, and never duplicates anything', () => {
    fixture.open().close();
    fixture.now = new Date('2026-07-15T12:00:00.000Z');

    const reopened = fixture.open();
    const again = fixture.open();

    for (const table of ['practices', 'patients', 'appointments', 'seed_runs']) {
      expect(count(again.handle, table)).toBe(table === 'patients' ? 3 : 1);
    }
    expect(fixture.logger.messages().filter((message) => message === 'demo practice seeded')).toHaveLength(1);
    // The appointment kept the date computed at the first seeding.
    const start = reopened.handle.prepare<[], string>('SELECT start_utc FROM appointments').pluck().get();
    expect(start).toBe('2026-06-04T14:00:00.000Z');
  });

  it('does not bring back demo data that was changed after seeding', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    await backend.cancel(DEMO_PRACTICE, {
      appointmentId: DEMO_APPOINTMENT.id,
      patientId: DEMO_PATIENTS.janeDoe.id,
      idempotencyKey: 'cancel-demo',
    });
    database.close();

    const reopened = fixture.open();

    const status = reopened.handle.prepare<[string], string>('SELECT status FROM appointments WHERE id = ?').pluck();
    expect(status.get(DEMO_APPOINTMENT.id)).toBe('cancelled');
    expect(count(reopened.handle, 'appointments')).toBe(1);
  });

  it('can be turned off', async () => {
    const database = fixture.open({ seedDemo: false });

    expect(count(database.handle, 'practices')).toBe(0);
    expect(count(database.handle, 'seed_runs')).toBe(0);
    expect(await new SqlitePracticeDirectory(database).fallback()).toBeNull();
  });

  it("gives Jane Doe an upcoming cleaning at 10:00 local, three open days after seeding", async () => {
    // Seeded on Monday 2026-06-01 at 09:00 EDT: Tuesday, Wednesday, Thursday -> Thursday 10:00 EDT.
    const database = fixture.open();

    const appointments = await new SqliteSchedulingBackend(database).appointmentsOf(DEMO_PRACTICE, DEMO_PATIENTS.janeDoe.id);

    expect(appointments).toEqual([
      {
        id: DEMO_APPOINTMENT.id,
        practiceId: DEMO_PRACTICE_ID,
        patientId: DEMO_PATIENTS.janeDoe.id,
        typeCode: 'cleaning',
        providerId: 'prov-hygienist-lee',
        operatoryId: 'op-1',
        start: '2026-06-04T14:00:00.000Z',
        end: '2026-06-04T15:00:00.000Z',
        status: 'scheduled',
      },
    ]);
  });

  it('skips weekends and closures when placing the demo appointment', () => {
    // Tuesday 2026-12-22: Wed 23, Thu 24 are open; Fri 25 is Christmas; the weekend is closed -> Monday 28 (EST).
    expect(demoAppointmentStart(DEMO_PRACTICE, new Date('2026-12-22T15:00:00.000Z'))).toBe('2026-12-28T15:00:00.000Z');
    // Friday 2026-06-05 late evening in New York (already Saturday in UTC): Mon, Tue, Wed -> Wednesday 10:00 EDT.
    expect(demoAppointmentStart(DEMO_PRACTICE, new Date('2026-06-06T02:30:00.000Z'))).toBe('2026-06-10T14:00:00.000Z');
  });
});
