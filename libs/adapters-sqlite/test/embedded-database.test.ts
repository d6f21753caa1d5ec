import { describe, expect, it } from 'vitest';
import { DEMO_APPOINTMENT, DEMO_PATIENTS, DEMO_PRACTICE, SqliteCallLog, SqliteSchedulingBackend } from '../src';
import { cleaningSlot } from './support/demo-slots';
import { useTempDatabase } from './support/temp-database';

describe('embedded database', () => {
  const fixture = useTempDatabase();

  it('answers ping while open and not after close; close is idempotent', () => {
    const database = fixture.open();

    expect(database.ping()).toBe(true);
    database.close();
    database.close();
    expect(database.ping()).toBe(false);
  });

  it('reports unhealthy when the schema is not the one this build expects', () => {
    const database = fixture.open();
    database.handle.prepare('DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)').run();

    expect(database.ping()).toBe(false);
  });

  it('shares one file between connections: a write on one is read on the other', async () => {
    const writer = fixture.open();
    const reader = fixture.open();

    await new SqliteCallLog(writer).record({
      callId: 'call-shared',
      practiceId: DEMO_PRACTICE.id,
      channel: 'simulator',
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:01:00.000Z',
      transcript: [],
      outcome: 'no_action',
      appointmentIds: [],
    });

    expect(new SqliteCallLog(reader).countCalls()).toBe(1);
  });

  it('never logs patient names, dates of birth, phone numbers or speech', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const jane = DEMO_PATIENTS.janeDoe;
    const priya = { firstName: 'Priya', lastName: 'Shah', dateOfBirth: '2001-09-30', phone: '+15555550144' };

    await backend.findPatients(DEMO_PRACTICE, { dateOfBirth: jane.dateOfBirth, fullName: 'Jane Doe' });
    const registered = await backend.registerPatient(DEMO_PRACTICE, priya, 'reg-1');
    await backend.book(DEMO_PRACTICE, { patientId: registered.id, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' });
    await backend.cancel(DEMO_PRACTICE, { appointmentId: DEMO_APPOINTMENT.id, patientId: jane.id, idempotencyKey: 'c1' });
    await new SqliteCallLog(database).record({
      callId: 'call-phi',
      practiceId: DEMO_PRACTICE.id,
      channel: 'retell',
      callerNumber: jane.phone,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:02:00.000Z',
      transcript: [{ speaker: 'caller', text: 'My toothache is unbearable' }],
      outcome: 'cancelled',
      summary: 'Jane cancelled',
      appointmentIds: [DEMO_APPOINTMENT.id],
    });
    const refusal = await backend.registerPatient(DEMO_PRACTICE, { ...priya, dateOfBirth: '2001-02-30' }, 'reg-2').catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(Error);
    expect((refusal as Error).message).toMatch(/^Invalid new patient/);
    expect((refusal as Error).message).not.toContain('2001-02-30');

    const logged = fixture.logger.dump();
    expect(fixture.logger.entries.length).toBeGreaterThan(5);
    for (const secret of ['Jane', 'Doe', 'Priya', 'Shah', jane.dateOfBirth, '2001-09-30', jane.phone, priya.phone, 'toothache']) {
      expect(logged).not.toContain(secret);
    }
  });
});
