import { describe, expect, it } from 'vitest';
import { DEMO_APPOINTMENT, DEMO_PATIENTS, DEMO_PRACTICE, SqliteSchedulingBackend, savePractice } from '../src';
import { LAKESIDE, LAKESIDE_NUMBER } from './support/second-practice';
import { useTempDatabase } from './support/temp-database';

const newPatient = { firstName: 'Priya', lastName: 'Shah', dateOfBirth: '2001-09-30', phone: '+15555550144' };

describe('patients', () => {
  const fixture = useTempDatabase();

  it('finds candidates by date of birth within the practice, leaving name matching to the domain', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());

    const candidates = await backend.findPatients(DEMO_PRACTICE, { dateOfBirth: '1985-03-14', fullName: 'jane doe' });
    const misheardName = await backend.findPatients(DEMO_PRACTICE, { dateOfBirth: '1985-03-14', fullName: 'Jayne Dough' });

    expect(candidates).toEqual([DEMO_PATIENTS.janeDoe]);
    expect(misheardName).toEqual([DEMO_PATIENTS.janeDoe]);
    expect(await backend.findPatients(DEMO_PRACTICE, { dateOfBirth: '1985-03-15', fullName: 'Jane Doe' })).toEqual([]);
  });

  it('finds nobody for a date of birth that is not a calendar date', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());

    expect(await backend.findPatients(DEMO_PRACTICE, { dateOfBirth: '1985-02-30', fullName: 'Jane Doe' })).toEqual([]);
    expect(await backend.findPatients(DEMO_PRACTICE, { dateOfBirth: 'March 14', fullName: 'Jane Doe' })).toEqual([]);
  });

  it("never returns another practice's patients", async () => {
    const database = fixture.open();
    savePractice(database, LAKESIDE, { phoneNumbers: [LAKESIDE_NUMBER], voiceAgentIds: [] });
    const backend = new SqliteSchedulingBackend(database);

    expect(await backend.findPatients(LAKESIDE, { dateOfBirth: '1985-03-14', fullName: 'Jane Doe' })).toEqual([]);
    expect(await backend.appointmentsOf(LAKESIDE, DEMO_PATIENTS.janeDoe.id)).toEqual([]);
  });

  it('registers a patient once per idempotency key', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);

    const registered = await backend.registerPatient(DEMO_PRACTICE, newPatient, 'call-3:register:p');
    const retried = await backend.registerPatient(DEMO_PRACTICE, newPatient, 'call-3:register:p');

    expect(registered).toEqual({ id: expect.stringMatching(/^pat_/), practiceId: DEMO_PRACTICE.id, ...newPatient });
    expect(retried).toEqual(registered);
    expect(await backend.findPatients(DEMO_PRACTICE, { dateOfBirth: newPatient.dateOfBirth, fullName: 'Priya Shah' })).toEqual([
      registered,
    ]);
  });

  it('registers without a phone, trims names, and refuses an invalid registration', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());

    const registered = await backend.registerPatient(
      DEMO_PRACTICE,
      { firstName: '  Sam ', lastName: 'Park ', dateOfBirth: '1970-01-31' },
      'k1',
    );

    expect(registered).toEqual({ id: expect.any(String), practiceId: DEMO_PRACTICE.id, firstName: 'Sam', lastName: 'Park', dateOfBirth: '1970-01-31' });
    await expect(backend.registerPatient(DEMO_PRACTICE, { ...newPatient, dateOfBirth: '2001-02-29' }, 'k2')).rejects.toThrow(
      /Invalid new patient/,
    );
    await expect(backend.registerPatient(DEMO_PRACTICE, { ...newPatient, firstName: ' ' }, 'k3')).rejects.toThrow(/Invalid new patient/);
    await expect(backend.registerPatient(DEMO_PRACTICE, { ...newPatient, phone: '555-0144' }, 'k4')).rejects.toThrow(/Invalid new patient/);
  });

  it('lists the appointments that have not ended yet, earliest first', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const jane = DEMO_PATIENTS.janeDoe.id;

    expect((await backend.appointmentsOf(DEMO_PRACTICE, jane)).map((appointment) => appointment.id)).toEqual([DEMO_APPOINTMENT.id]);

    fixture.now = new Date('2026-06-04T14:30:00.000Z'); // during the demo cleaning: it has not ended
    expect((await backend.appointmentsOf(DEMO_PRACTICE, jane)).map((appointment) => appointment.id)).toEqual([DEMO_APPOINTMENT.id]);

    fixture.now = new Date('2026-06-04T15:00:00.000Z'); // the moment it ends
    expect(await backend.appointmentsOf(DEMO_PRACTICE, jane)).toEqual([]);
  });
});
