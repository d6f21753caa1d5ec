import { describe, expect, it } from 'vitest';
import type { AppointmentType, Slot } from '@crowndesk/domain';
import { DEMO_HYGIENIST_ID, DEMO_PATIENTS, DEMO_PRACTICE, SqliteSchedulingBackend } from '../src';
import { cleaningSlot, tuesdayAt } from './support/demo-slots';
import { useTempDatabase } from './support/temp-database';

const typeOf = (code: string): AppointmentType => {
  const type = DEMO_PRACTICE.appointmentTypes.find((candidate) => candidate.code === code);
  if (!type) throw new Error(`no type ${code}`);
  return type;
};
const TUESDAY_WINDOW = { from: tuesdayAt('00:00'), to: tuesdayAt('23:59') };
const hygienistStarts = (slots: Slot[]) =>
  [...new Set(slots.filter((slot) => slot.providerId === DEMO_HYGIENIST_ID).map((slot) => slot.start))];

describe('SqliteSchedulingBackend.openSlots', () => {
  const fixture = useTempDatabase();

  it('offers the whole open day when nothing is booked', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());

    const slots = await backend.openSlots(DEMO_PRACTICE, { appointmentType: typeOf('cleaning'), ...TUESDAY_WINDOW });

    // 08:00 .. 16:00 every 30 minutes: the last 60-minute cleaning ends at closing time.
    expect(hygienistStarts(slots)).toHaveLength(17);
    expect(slots[0]).toMatchObject({ typeCode: 'cleaning', providerId: DEMO_HYGIENIST_ID, start: tuesdayAt('08:00') });
  });

  it('leaves out time that is booked for the provider', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    await backend.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.janeDoe.id, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' });

    const starts = hygienistStarts(await backend.openSlots(DEMO_PRACTICE, { appointmentType: typeOf('cleaning'), ...TUESDAY_WINDOW }));

    expect(starts).toContain(tuesdayAt('09:00'));
    expect(starts).toContain(tuesdayAt('11:00'));
    expect(starts).not.toContain(tuesdayAt('09:30'));
    expect(starts).not.toContain(tuesdayAt('10:00'));
    expect(starts).not.toContain(tuesdayAt('10:30'));
    expect(starts).toHaveLength(17 - 3);
  });

  it('never pairs another provider with an operatory that is taken at that time', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    await backend.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.janeDoe.id, slot: cleaningSlot('10:00', 'op-1'), idempotencyKey: 'b1' });

    const exams = await backend.openSlots(DEMO_PRACTICE, { appointmentType: typeOf('exam'), ...TUESDAY_WINDOW });

    const atTen = exams.filter((slot) => slot.start === tuesdayAt('10:00'));
    expect(atTen.length).toBeGreaterThan(0);
    expect(atTen.every((slot) => slot.operatoryId === 'op-2')).toBe(true);
  });

  it('ignores the busy time of the appointment being moved, and only that one', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const moving = await backend.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.janeDoe.id, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' });
    const johns = cleaningSlot('13:00', 'op-2');
    await backend.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.johnSmith.id, slot: johns, idempotencyKey: 'b2' });
    if (moving.status !== 'booked') throw new Error('setup failed');

    const query = { appointmentType: typeOf('cleaning'), ...TUESDAY_WINDOW, excludeAppointmentId: moving.appointment.id };
    const starts = hygienistStarts(await backend.openSlots(DEMO_PRACTICE, query));

    expect(starts).toEqual(expect.arrayContaining([tuesdayAt('09:30'), tuesdayAt('10:00'), tuesdayAt('10:30')]));
    expect(starts).not.toContain(tuesdayAt('12:30'));
    expect(starts).not.toContain(tuesdayAt('13:00'));
    expect(starts).not.toContain(tuesdayAt('13:30'));
    expect(starts).toHaveLength(17 - 3);
  });

  it('offers the time again once the booking is cancelled', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    const result = await backend.book(DEMO_PRACTICE, { patientId: DEMO_PATIENTS.janeDoe.id, slot: cleaningSlot('10:00'), idempotencyKey: 'b1' });
    if (result.status !== 'booked') throw new Error('setup failed');
    await backend.cancel(DEMO_PRACTICE, { appointmentId: result.appointment.id, patientId: DEMO_PATIENTS.janeDoe.id, idempotencyKey: 'c1' });

    const starts = hygienistStarts(await backend.openSlots(DEMO_PRACTICE, { appointmentType: typeOf('cleaning'), ...TUESDAY_WINDOW }));

    expect(starts).toContain(tuesdayAt('10:00'));
    expect(starts).toHaveLength(17);
  });

  it('offers nothing in the past, even when asked for it', async () => {
    fixture.now = new Date(tuesdayAt('12:00'));
    const backend = new SqliteSchedulingBackend(fixture.open());

    const starts = hygienistStarts(await backend.openSlots(DEMO_PRACTICE, { appointmentType: typeOf('cleaning'), ...TUESDAY_WINDOW }));

    expect(starts.length).toBeGreaterThan(0);
    // Two hours' minimum notice after noon.
    expect(starts.every((start) => start >= tuesdayAt('14:00'))).toBe(true);
  });

  it('counts the booking horizon from now, not from the start of the query', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());
    // Now is 2026-06-01 09:00; two hours' notice plus 60 days ends on 2026-07-31 at 11:00.
    const lastDay = await backend.openSlots(DEMO_PRACTICE, {
      appointmentType: typeOf('cleaning'),
      from: '2026-07-31T04:00:00.000Z',
      to: '2026-08-01T04:00:00.000Z',
    });
    const beyond = await backend.openSlots(DEMO_PRACTICE, {
      appointmentType: typeOf('cleaning'),
      from: '2026-08-10T04:00:00.000Z',
      to: '2026-08-11T04:00:00.000Z',
    });

    expect(lastDay.length).toBeGreaterThan(0);
    expect(lastDay.every((slot) => slot.start <= '2026-07-31T15:00:00.000Z')).toBe(true);
    expect(beyond).toEqual([]);
  });

  it('accepts instants with an offset and an empty window', async () => {
    const backend = new SqliteSchedulingBackend(fixture.open());

    const withOffset = await backend.openSlots(DEMO_PRACTICE, {
      appointmentType: typeOf('cleaning'),
      from: '2026-06-09T00:00:00-04:00',
      to: '2026-06-09T23:59:00-04:00',
    });
    const empty = await backend.openSlots(DEMO_PRACTICE, { appointmentType: typeOf('cleaning'), from: TUESDAY_WINDOW.to, to: TUESDAY_WINDOW.from });

    expect(hygienistStarts(withOffset)).toHaveLength(17);
    expect(empty).toEqual([]);
  });
});
