import { describe, expect, it } from 'vitest';
import type { Appointment, BookingResult } from '@crowndesk/domain';
import { DEMO_DENTIST_ID, DEMO_PATIENTS, DEMO_PRACTICE, SqliteSchedulingBackend, savePractice } from '../src';
import { cleaningSlot, examSlot, tuesdayAt } from './support/demo-slots';
import { LAKESIDE, LAKESIDE_NUMBER } from './support/second-practice';
import { useTempDatabase } from './support/temp-database';

const jane = DEMO_PATIENTS.janeDoe.id;
const john = DEMO_PATIENTS.johnSmith.id;
const maria = DEMO_PATIENTS.mariaGarcia.id;

function bookedAppointment(result: BookingResult): Appointment {
  if (result.status !== 'booked') throw new Error(`expected booked, got ${result.status}`);
  return result.appointment;
}

describe('SqliteSchedulingBackend.book', () => {
  const fixture = useTempDatabase();

  it('books a free slot as a scheduled appointment', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const slot = cleaningSlot('10:00');

    const appointment = bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot, idempotencyKey: 'k1' }));

    expect(appointment).toEqual({
      id: expect.stringMatching(/^apt_/),
      practiceId: DEMO_PRACTICE.id,
      patientId: jane,
      typeCode: 'cleaning',
      providerId: slot.providerId,
      operatoryId: 'op-1',
      start: '2026-06-09T14:00:00.000Z',
      end: '2026-06-09T15:00:00.000Z',
      status: 'scheduled',
    });
    expect(await backend.appointmentsOf(DEMO_PRACTICE, jane)).toContainEqual(appointment);
  });

  it('refuses an overlapping slot for the same provider, in another operatory', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00', 'op-1'), idempotencyKey: 'a' }));

    const same = await backend.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('10:00', 'op-2'), idempotencyKey: 'b' });
    const later = await backend.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('10:30', 'op-2'), idempotencyKey: 'c' });
    const earlier = await backend.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('09:30', 'op-2'), idempotencyKey: 'd' });

    expect([same.status, later.status, earlier.status]).toEqual(['slot_taken', 'slot_taken', 'slot_taken']);
  });

  it('refuses an overlapping slot in the same operatory, with another provider', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00', 'op-1'), idempotencyKey: 'a' }));

    const inside = await backend.book(DEMO_PRACTICE, { patientId: john, slot: examSlot('10:15', 'op-1'), idempotencyKey: 'b' });
    const straddling = await backend.book(DEMO_PRACTICE, { patientId: john, slot: examSlot('10:45', 'op-1'), idempotencyKey: 'c' });

    expect([inside.status, straddling.status]).toEqual(['slot_taken', 'slot_taken']);
  });

  it('refuses a longer appointment that contains an existing one', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: examSlot('10:30', 'op-2'), idempotencyKey: 'a' }));
    const start = tuesdayAt('10:00');
    const newPatientVisit = {
      typeCode: 'new_patient',
      providerId: DEMO_DENTIST_ID,
      operatoryId: 'op-1',
      start,
      end: tuesdayAt('11:30'),
    };

    const result = await backend.book(DEMO_PRACTICE, { patientId: maria, slot: newPatientVisit, idempotencyKey: 'b' });

    expect(result.status).toBe('slot_taken');
  });

  it('allows back-to-back appointments and other providers in other operatories at the same time', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00', 'op-1'), idempotencyKey: 'a' }));

    const before = await backend.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('09:00', 'op-1'), idempotencyKey: 'b' });
    const after = await backend.book(DEMO_PRACTICE, { patientId: maria, slot: cleaningSlot('11:00', 'op-1'), idempotencyKey: 'c' });
    const parallel = await backend.book(DEMO_PRACTICE, { patientId: maria, slot: examSlot('10:00', 'op-2'), idempotencyKey: 'd' });

    expect([before.status, after.status, parallel.status]).toEqual(['booked', 'booked', 'booked']);
  });

  it('treats the same instant written with an offset as the same time', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'a' }));
    const offsetSlot = { ...cleaningSlot('10:00', 'op-2'), start: '2026-06-09T10:00:00-04:00', end: '2026-06-09T11:00:00-04:00' };

    const result = await backend.book(DEMO_PRACTICE, { patientId: john, slot: offsetSlot, idempotencyKey: 'b' });

    expect(result.status).toBe('slot_taken');
  });

  it('frees the time of a cancelled appointment', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const first = bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'a' }));
    await backend.cancel(DEMO_PRACTICE, { appointmentId: first.id, patientId: jane, idempotencyKey: 'cancel-a' });

    const result = await backend.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('10:00'), idempotencyKey: 'b' });

    expect(result.status).toBe('booked');
  });

  it('books once per idempotency key and returns the same appointment on every retry', async () => {
    const database = fixture.open();
    const backend = new SqliteSchedulingBackend(database);
    const request = { patientId: jane, slot: cleaningSlot('13:00'), idempotencyKey: 'call-1:book:abc' };

    const first = bookedAppointment(await backend.book(DEMO_PRACTICE, request));
    const retries = await Promise.all([backend.book(DEMO_PRACTICE, request), backend.book(DEMO_PRACTICE, request)]);

    expect(retries).toEqual([
      { status: 'booked', appointment: first },
      { status: 'booked', appointment: first },
    ]);
    const rows = database.handle.prepare('SELECT count(*) FROM appointments WHERE start_utc = ?').pluck().get(first.start);
    expect(rows).toBe(1);
  });

  it('keeps bookings across close and reopen', async () => {
    const database = fixture.open();
    const appointment = bookedAppointment(
      await new SqliteSchedulingBackend(database).book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'a' }),
    );
    database.close();

    const reopened = new SqliteSchedulingBackend(fixture.open());

    expect(await reopened.appointmentsOf(DEMO_PRACTICE, jane)).toContainEqual(appointment);
    expect((await reopened.book(DEMO_PRACTICE, { patientId: john, slot: cleaningSlot('10:00'), idempotencyKey: 'b' })).status).toBe(
      'slot_taken',
    );
  });

  it('keeps practices apart: the same provider ids in another practice do not collide', async () => {
    const database = fixture.open();
    savePractice(database, LAKESIDE, { phoneNumbers: [LAKESIDE_NUMBER], voiceAgentIds: [] });
    const backend = new SqliteSchedulingBackend(database);
    const lakesidePatient = await backend.registerPatient(
      LAKESIDE,
      { firstName: 'Ana', lastName: 'Lopez', dateOfBirth: '1990-01-01' },
      'register-ana',
    );
    bookedAppointment(await backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: 'a' }));

    const result = await backend.book(LAKESIDE, { patientId: lakesidePatient.id, slot: cleaningSlot('10:00'), idempotencyKey: 'a' });

    expect(result.status).toBe('booked');
    await expect(
      backend.book(DEMO_PRACTICE, { patientId: lakesidePatient.id, slot: cleaningSlot('14:00'), idempotencyKey: 'cross' }),
    ).rejects.toThrow(/Could not book for practice bright-smile/);
  });

  it('rejects slots that cannot belong to the practice, and malformed requests', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());

    await expect(
      backend.book(DEMO_PRACTICE, { patientId: jane, slot: { ...cleaningSlot('10:00'), providerId: 'prov-nobody' }, idempotencyKey: 'a' }),
    ).rejects.toThrow(/no provider "prov-nobody"/);
    await expect(
      backend.book(DEMO_PRACTICE, { patientId: jane, slot: { ...cleaningSlot('10:00'), providerId: DEMO_DENTIST_ID }, idempotencyKey: 'b' }),
    ).rejects.toThrow(/needs a hygienist/);
    await expect(
      backend.book(DEMO_PRACTICE, { patientId: jane, slot: { ...cleaningSlot('10:00'), operatoryId: 'op-9' }, idempotencyKey: 'c' }),
    ).rejects.toThrow(/no operatory "op-9"/);
    await expect(
      backend.book(DEMO_PRACTICE, { patientId: jane, slot: { ...cleaningSlot('10:00'), start: 'next tuesday' }, idempotencyKey: 'd' }),
    ).rejects.toThrow(/Invalid booking request/);
    await expect(backend.book(DEMO_PRACTICE, { patientId: jane, slot: cleaningSlot('10:00'), idempotencyKey: '' })).rejects.toThrow(
      /Invalid booking request/,
    );
  });
});
