import { describe, expect, it } from 'vitest';
import type { Appointment, BookingResult, RescheduleResult } from '@crowndesk/domain';
import { DEMO_APPOINTMENT, DEMO_PATIENTS, DEMO_PRACTICE, SqliteSchedulingBackend, type EmbeddedDatabase } from '../src';
import { cleaningSlot } from './support/demo-slots';
import { useTempDatabase } from './support/temp-database';

const jane = DEMO_PATIENTS.janeDoe.id;
const john = DEMO_PATIENTS.johnSmith.id;

function booked(result: BookingResult): Appointment {
  if (result.status !== 'booked') throw new Error(`expected booked, got ${result.status}`);
  return result.appointment;
}

function rescheduled(result: RescheduleResult): Extract<RescheduleResult, { status: 'rescheduled' }> {
  if (result.status !== 'rescheduled') throw new Error(`expected rescheduled, got ${result.status}`);
  return result;
}

const statusOf = (database: EmbeddedDatabase, appointmentId: string) =>
  database.handle.prepare<[string], string>('SELECT status FROM appointments WHERE id = ?').pluck().get(appointmentId);
const appointmentCount = (database: EmbeddedDatabase) =>
  database.handle.prepare<[], number>('SELECT count(*) FROM appointments').pluck().get();

describe('SqliteSchedulingBackend.reschedule', () => {
  const fixture = useTempDatabase();

  it('moves an appointment: the old one is marked rescheduled, a new one keeps patient and type', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const original = booked(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' }));

    const result = rescheduled(
      await backend.reschedule(DEMO_PRACTICE, {
        appointmentId: original.id,
        patientId: jane,
        newSlot: cleaningSlot('14:00', 'op-2'),
        idempotencyKey: 'r1',
      }),
    );

    expect(result.previous).toEqual({ ...original, status: 'rescheduled' });
    expect(result.appointment).toEqual({
      ...original,
      id: expect.not.stringMatching(original.id),
      operatoryId: 'op-2',
      start: '2026-06-09T18:00:00.000Z',
      end: '2026-06-09T19:00:00.000Z',
      status: 'scheduled',
    });
    expect(statusOf(database, original.id)).toBe('rescheduled');
    const upcoming = await backend.appointmentsOf(DEMO_PRACTICE, jane);
    expect(upcoming.map((appointment) => [appointment.id, appointment.status])).toEqual(
      expect.arrayContaining([
        [original.id, 'rescheduled'],
        [result.appointment.id, 'scheduled'],
      ]),
    );
  });

  it('frees the old time for other patients', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const original = booked(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' }));
    rescheduled(
      await backend.reschedule(DEMO_PRACTICE, { appointmentId: original.id, patientId: jane, newSlot: cleaningSlot('15:00'), idempotencyKey: 'r1' }),
    );

    const result = await backend.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('10:00'), idempotencyKey: 'b2' });

    expect(result.status).toBe('booked');
  });

  it('may move an appointment onto time it currently occupies itself', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const original = booked(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' }));

    const result = await backend.reschedule(DEMO_PRACTICE, {
      appointmentId: original.id,
      patientId: jane,
      newSlot: cleaningSlot('10:30'),
      idempotencyKey: 'r1',
    });

    expect(result.status).toBe('rescheduled');
  });

  it("answers slot_taken when the new time is someone else's, and leaves the appointment as it was", async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const janes = booked(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' }));
    booked(await backend.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('13:00', 'op-2'), idempotencyKey: 'b2' }));

    const result = await backend.reschedule(DEMO_PRACTICE, {
      appointmentId: janes.id,
      patientId: jane,
      newSlot: cleaningSlot('13:30', 'op-1'),
      idempotencyKey: 'r1',
    });

    expect(result).toEqual({ status: 'slot_taken' });
    expect(statusOf(database, janes.id)).toBe('scheduled');
    expect(appointmentCount(database)).toBe(3); // the demo appointment + two bookings
  });

  it("answers not_found for another patient's appointment, an unknown id, or one no longer scheduled", async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const newSlot = cleaningSlot('15:00');

    const othersAppointment = await backend.reschedule(DEMO_PRACTICE, {
      appointmentId: DEMO_APPOINTMENT.id,
      patientId: john,
      newSlot,
      idempotencyKey: 'r1',
    });
    const unknown = await backend.reschedule(DEMO_PRACTICE, { appointmentId: 'apt_missing', patientId: jane, newSlot, idempotencyKey: 'r2' });
    await backend.cancel(DEMO_PRACTICE, { appointmentId: DEMO_APPOINTMENT.id, patientId: jane, idempotencyKey: 'c1' });
    const cancelledOne = await backend.reschedule(DEMO_PRACTICE, {
      appointmentId: DEMO_APPOINTMENT.id,
      patientId: jane,
      newSlot,
      idempotencyKey: 'r3',
    });

    expect([othersAppointment, unknown, cancelledOne]).toEqual([{ status: 'not_found' }, { status: 'not_found' }, { status: 'not_found' }]);
    expect(appointmentCount(database)).toBe(1);
  });

  it('returns the first result again for a repeated key, without moving anything twice', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const request = {
      appointmentId: DEMO_APPOINTMENT.id,
      patientId: jane,
      newSlot: cleaningSlot('09:00'),
      idempotencyKey: 'call-7:reschedule:x',
    };

    const first = rescheduled(await backend.reschedule(DEMO_PRACTICE, request));
    const again = await backend.reschedule(DEMO_PRACTICE, request);
    database.close();
    const afterRestart = await new SqliteSchedulingBackend(fixture.open()).reschedule(DEMO_PRACTICE, request);

    expect(again).toEqual(first);
    expect(afterRestart).toEqual(first);
    expect(appointmentCount(fixture.open())).toBe(2);
  });
});

describe('SqliteSchedulingBackend.cancel', () => {
  const fixture = useTempDatabase();

  it("cancels the patient's appointment", async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);

    const result = await backend.cancel(DEMO_PRACTICE, { appointmentId: DEMO_APPOINTMENT.id, patientId: jane, idempotencyKey: 'c1' });

    expect(result).toEqual({
      status: 'cancelled',
      appointment: expect.objectContaining({ id: DEMO_APPOINTMENT.id, patientId: jane, status: 'cancelled' }),
    });
    expect(statusOf(database, DEMO_APPOINTMENT.id)).toBe('cancelled');
  });

  it('returns the same result for a repeated key, and not_found for a new attempt on a cancelled appointment', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const request = { appointmentId: DEMO_APPOINTMENT.id, patientId: jane, idempotencyKey: 'call-9:cancel:y' };

    const first = await backend.cancel(DEMO_PRACTICE, request);
    const repeat = await backend.cancel(DEMO_PRACTICE, request);
    const freshAttempt = await backend.cancel(DEMO_PRACTICE, { ...request, idempotencyKey: 'call-10:cancel:y' });

    expect(first.status).toBe('cancelled');
    expect(repeat).toEqual(first);
    expect(freshAttempt).toEqual({ status: 'not_found' });
  });

  it("answers not_found for another patient's appointment and leaves it scheduled", async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);

    const result = await backend.cancel(DEMO_PRACTICE, { appointmentId: DEMO_APPOINTMENT.id, patientId: john, idempotencyKey: 'c1' });
    const unknown = await backend.cancel(DEMO_PRACTICE, { appointmentId: 'apt_missing', patientId: jane, idempotencyKey: 'c2' });

    expect(result).toEqual({ status: 'not_found' });
    expect(unknown).toEqual({ status: 'not_found' });
    expect(statusOf(database, DEMO_APPOINTMENT.id)).toBe('scheduled');
  });
});
