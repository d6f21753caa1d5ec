import { describe, expect, it } from 'vitest';
import type { AppointmentType } from '@crowndesk/domain';
import { DEMO_APPOINTMENT, DEMO_PATIENTS, DEMO_PRACTICE, SqliteSchedulingBackend, type EmbeddedDatabase } from '../src';
import { cleaningSlot, tuesdayAt } from './support/demo-slots';
import { useTempDatabase } from './support/temp-database';

const jane = DEMO_PATIENTS.janeDoe.id;
const cleaning = DEMO_PRACTICE.appointmentTypes.find((type) => type.code === 'cleaning') as AppointmentType;

const count = (database: EmbeddedDatabase, table: 'appointments' | 'patients') =>
  database.handle.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get();
const statusOf = (database: EmbeddedDatabase, appointmentId: string) =>
  database.handle.prepare<[string], string>('SELECT status FROM appointments WHERE id = ?').pluck().get(appointmentId);

/** A signal the caller has already given up on (the turn was superseded). */
function superseded(): { signal: AbortSignal; reason: Error } {
  const controller = new AbortController();
  const reason = new Error('turn superseded');
  controller.abort(reason);
  return { signal: controller.signal, reason };
}

describe("SqliteSchedulingBackend and the caller's signal", () => {
  const fixture = useTempDatabase();

  it('makes no write once the signal has aborted, and says so in the log with ids only', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const { signal, reason } = superseded();
    const before = { appointments: count(database, 'appointments'), patients: count(database, 'patients') };

    const newPatient = { firstName: 'Ana', lastName: 'Souza', dateOfBirth: '1990-04-12' };
    await expect(backend.registerPatient(DEMO_PRACTICE, newPatient, 'p1', { signal })).rejects.toBe(reason);
    await expect(backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' }, { signal })).rejects.toBe(
      reason,
    );
    const move = { appointmentId: DEMO_APPOINTMENT.id, patientId: jane, newSlot: cleaningSlot('14:00'), idempotencyKey: 'r1' };
    await expect(backend.reschedule(DEMO_PRACTICE, move, { signal })).rejects.toBe(reason);
    await expect(
      backend.cancel(DEMO_PRACTICE, { appointmentId: DEMO_APPOINTMENT.id, patientId: jane, idempotencyKey: 'c1' }, { signal }),
    ).rejects.toBe(reason);

    expect({ appointments: count(database, 'appointments'), patients: count(database, 'patients') }).toEqual(before);
    expect(statusOf(database, DEMO_APPOINTMENT.id)).toBe('scheduled');
    const skipped = fixture.logger.entries.filter((entry) => entry.message === 'schedule write skipped: the caller gave up');
    expect(skipped.map((entry) => entry.fields)).toEqual(
      ['register patient', 'book', 'reschedule', 'cancel'].map((operation) => ({ practiceId: DEMO_PRACTICE.id, operation })),
    );
  });

  it('does not start a read once the signal has aborted', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const { signal, reason } = superseded();

    const window = { appointmentType: cleaning, from: tuesdayAt('00:00'), to: tuesdayAt('23:59') };
    await expect(backend.openSlots(DEMO_PRACTICE, window, { signal })).rejects.toBe(reason);
    await expect(backend.findPatients(DEMO_PRACTICE, { fullName: 'Jane Doe', dateOfBirth: '1985-03-14' }, { signal })).rejects.toBe(reason);
    await expect(backend.appointmentsOf(DEMO_PRACTICE, jane, { signal })).rejects.toBe(reason);
  });

  it('works as before while the signal is live', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const { signal } = new AbortController();

    const result = await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('14:00'), idempotencyKey: 'b1' }, { signal });

    expect(result).toMatchObject({ status: 'booked', appointment: { start: tuesdayAt('14:00') } });
    expect(statusOf(database, result.status === 'booked' ? result.appointment.id : '')).toBe('scheduled');
  });
});
