import { beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, Practice } from '../model';
import type { CallSession } from '../receptionist/call-session';
import { FakeClock, JAMES, MARIA, RecordingLogger, brightSmileDental, callSession, nightOwlDental } from './bright-smile.fixture';
import { FrontDesk } from './front-desk';
import { InMemorySchedulingBackend } from './in-memory-backend.fixture';
import { zoneClock } from './local-time';

const ZONE = 'America/New_York';
const local = (iso: string) => zoneClock(ZONE).localDateTimeOf(new Date(iso));
const localStarts = (slots: { start: string }[]) => slots.map((slot) => local(slot.start));
const MARIA_SAYS = { fullName: 'maria oconnor garcia', dateOfBirth: MARIA.dateOfBirth };
const NEWCOMER = { fullName: 'Ana Beatriz Souza', dateOfBirth: '1990-04-12' };

let practice: Practice;
let clock: FakeClock;
let logger: RecordingLogger;
let backend: InMemorySchedulingBackend;
let desk: FrontDesk;
let session: CallSession;

beforeEach(() => {
  practice = brightSmileDental();
  clock = new FakeClock(); // Monday 2026-11-30 09:00 EST
  logger = new RecordingLogger();
  backend = new InMemorySchedulingBackend(clock);
  desk = new FrontDesk(backend, clock, logger);
  session = callSession(practice);
});

function mariaWithAppointments(): { appointments: Appointment[] } {
  const maria = backend.addPatient(practice, MARIA);
  const appointment = (start: string, end: string, status: Appointment['status'], typeCode = 'cleaning') =>
    backend.addAppointment(practice, { patientId: maria.id, typeCode, providerId: 'hyg-kim', operatoryId: 'op-1', start, end, status });
  return {
    appointments: [
      appointment('2026-12-08T19:00:00.000Z', '2026-12-08T20:00:00.000Z', 'confirmed'), // Tue Dec 8, 2 PM
      appointment('2026-12-03T15:00:00.000Z', '2026-12-03T16:00:00.000Z', 'scheduled'), // Thu Dec 3, 10 AM
      appointment('2026-12-04T15:00:00.000Z', '2026-12-04T16:00:00.000Z', 'cancelled'),
      appointment('2026-11-30T13:00:00.000Z', '2026-11-30T14:00:00.000Z', 'scheduled'), // this morning, already over
    ],
  };
}

describe('FrontDesk.findAvailableSlots', () => {
  it('looks ahead from now plus the minimum notice, offering a spread of the soonest day', async () => {
    const result = await desk.findAvailableSlots(session, { typeCode: 'cleaning' });
    expect(result.status).toBe('available');
    if (result.status !== 'available') return;
    expect(result.appointmentType.code).toBe('cleaning');
    // 09:00 now + 2 h notice: today from 11:00 to the last cleaning at 16:00.
    expect(localStarts(result.slots)).toEqual(['2026-11-30T11:00', '2026-11-30T12:30', '2026-11-30T14:30', '2026-11-30T16:00']);
  });

  it('on a date with a preferred time, offers the exact time first, then the nearest', async () => {
    const result = await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2026-12-01', time: '10:00' });
    expect(result.status === 'available' && localStarts(result.slots)).toEqual([
      '2026-12-01T10:00',
      '2026-12-01T09:30',
      '2026-12-01T10:30',
      '2026-12-01T09:00',
    ]);
  });

  it('filters by part of day', async () => {
    const afternoon = await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2026-12-01', partOfDay: 'afternoon' });
    expect(afternoon.status === 'available' && afternoon.slots.every((slot) => local(slot.start).slice(11) >= '12:00')).toBe(true);
    const morning = await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2026-12-01', partOfDay: 'morning' });
    expect(morning.status === 'available' && localStarts(morning.slots)).toEqual([
      '2026-12-01T08:00',
      '2026-12-01T09:00',
      '2026-12-01T10:30',
      '2026-12-01T11:30',
    ]);
  });

  it('looks at the following days when the asked date is full or closed', async () => {
    const christmas = await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2026-12-25' });
    expect(christmas.status === 'available' && localStarts(christmas.slots)[0]).toBe('2026-12-28T08:00'); // next Monday
  });

  it('after hours on a Friday, offers Monday', async () => {
    clock.set(new Date('2026-12-04T23:00:00Z')); // Friday 18:00 EST
    const result = await desk.findAvailableSlots(session, { typeCode: 'exam', time: '09:00' });
    expect(result.status === 'available' && localStarts(result.slots)).toEqual([
      '2026-12-07T09:00',
      '2026-12-07T08:30',
      '2026-12-07T09:30',
      '2026-12-07T08:00',
    ]);
  });

  it('refuses dates outside the booking window and unknown types; understands common names', async () => {
    const past = await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2026-11-27' });
    expect(past.status).toBe('outside_booking_window');
    const tooFar = await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2027-02-01' });
    expect(tooFar.status).toBe('outside_booking_window');
    expect(await desk.findAvailableSlots(session, { typeCode: 'whitening' })).toEqual({
      status: 'unknown_type',
      validCodes: ['cleaning', 'exam', 'emergency', 'new_patient'],
    });
    const checkup = await desk.findAvailableSlots(session, { typeCode: 'Check-up' });
    expect(checkup.status === 'available' && checkup.appointmentType.code).toBe('exam');
    expect(await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2026-02-30' })).toEqual({ status: 'invalid_date', field: 'date' });
  });

  it('has nothing to offer when the whole horizon is booked', async () => {
    const closedPractice = brightSmileDental({ weeklyHours: {} });
    const result = await desk.findAvailableSlots(callSession(closedPractice), { typeCode: 'exam' });
    expect(result).toMatchObject({ status: 'available', slots: [] });
    expect(backend.callsOf('openSlots').length).toBe(9); // 60 days, a week at a time
  });
});

describe('FrontDesk.book', () => {
  it('registers a new patient and books the slot, once', async () => {
    const result = await desk.book(session, { typeCode: 'cleaning', localStart: '2026-12-01T10:00', identity: NEWCOMER });
    expect(result).toMatchObject({ status: 'booked', ref: 'appt-1', newPatient: true });
    expect(backend.patients).toEqual([
      expect.objectContaining({ firstName: 'Ana', lastName: 'Souza', dateOfBirth: '1990-04-12', phone: '+15557770000' }),
    ]);
    expect(backend.active(practice)).toEqual([
      expect.objectContaining({ typeCode: 'cleaning', providerId: 'hyg-kim', start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T16:00:00.000Z' }),
    ]);
    expect(session.verifiedPatient?.id).toBe(backend.patients[0]?.id);
    expect(session.outcomes).toEqual(['booked']);
    expect(session.appointmentIds).toEqual([backend.appointments[0]?.id]);
    expect(session.shownAppointments.get('appt-1')?.id).toBe(backend.appointments[0]?.id);
  });

  it('books for an existing patient recognised by name and date of birth, with the phone they gave', async () => {
    const maria = backend.addPatient(practice, MARIA);
    const result = await desk.book(session, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: MARIA_SAYS, phone: '(555) 000-1234' });
    expect(result).toMatchObject({ status: 'booked', newPatient: false, appointment: { patientId: maria.id } });
    expect(backend.callsOf('registerPatient')).toEqual([]);
    expect(session.verifiedPatient).toEqual(maria);
  });

  it('refuses a double booking and offers alternatives instead', async () => {
    await desk.book(session, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: MARIA_SAYS });
    const other = callSession(practice, 'call-2');
    const result = await desk.book(other, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: NEWCOMER });
    expect(result.status).toBe('slot_unavailable');
    if (result.status !== 'slot_unavailable') return;
    expect(localStarts(result.alternatives)).toEqual(['2026-12-01T09:30', '2026-12-01T10:30', '2026-12-01T09:00', '2026-12-01T11:00']);
    expect(backend.active(practice)).toHaveLength(1);
    expect(other.outcomes).toEqual([]);
    expect(backend.callsOf('registerPatient')).toHaveLength(1); // only the first caller's
  });

  it('offers alternatives when another caller takes the slot between the check and the write', async () => {
    const james = backend.addPatient(practice, JAMES);
    backend.onNextBook(() => {
      backend.addAppointment(practice, {
        patientId: james.id,
        typeCode: 'exam',
        providerId: 'dr-lee',
        operatoryId: 'op-2',
        start: '2026-12-01T15:00:00.000Z',
        end: '2026-12-01T15:30:00.000Z',
        status: 'scheduled',
      });
    });
    const result = await desk.book(session, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: NEWCOMER });
    expect(result.status).toBe('slot_unavailable');
    expect(result.status === 'slot_unavailable' && localStarts(result.alternatives)).not.toContain('2026-12-01T10:00');
    expect(session.outcomes).toEqual([]);
  });

  it('books once when the same request runs twice at the same time (discard-and-re-ask)', async () => {
    const request = { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: NEWCOMER };
    const [first, second] = await Promise.all([desk.book(session, request), desk.book(session, request)]);
    const bookings = backend.callsOf('book');
    expect(bookings).toHaveLength(2);
    expect(bookings[0]?.idempotencyKey).toBe(bookings[1]?.idempotencyKey);
    const registrations = backend.callsOf('registerPatient');
    expect(registrations[0]?.idempotencyKey).toBe(registrations[1]?.idempotencyKey);
    expect(backend.active(practice)).toHaveLength(1);
    expect(backend.patients).toHaveLength(1);
    expect(first).toEqual(second);
    expect(session.appointmentIds).toHaveLength(1);
    expect(session.outcomes).toEqual(['booked']);
  });

  it('finds its own booking when retried after the reply was lost', async () => {
    backend.failNext('book', { afterWrite: true });
    const request = { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: NEWCOMER };
    await expect(desk.book(session, request)).rejects.toThrow('backend unavailable');
    const retry = await desk.book(session, request);
    expect(retry).toMatchObject({ status: 'booked', appointment: { id: backend.appointments[0]?.id } });
    expect(backend.active(practice)).toHaveLength(1);
    expect(backend.patients).toHaveLength(1);
    expect(session.outcomes).toEqual(['booked']);
    expect(session.appointmentIds).toEqual([backend.appointments[0]?.id]);
  });

  it('refuses starts outside the booking window, with alternatives', async () => {
    const tooSoon = await desk.book(session, { typeCode: 'exam', localStart: '2026-11-30T10:00', identity: NEWCOMER });
    expect(tooSoon.status).toBe('outside_booking_window');
    expect(tooSoon.status === 'outside_booking_window' && localStarts(tooSoon.alternatives)[0]).toBe('2026-11-30T11:00');
    const tooFar = await desk.book(session, { typeCode: 'exam', localStart: '2027-03-01T10:00', identity: NEWCOMER });
    expect(tooFar.status).toBe('outside_booking_window');
    expect(backend.callsOf('book')).toEqual([]);
  });

  it('refuses a start the clock skips, and a date that does not exist', async () => {
    const night = nightOwlDental();
    clock.set(new Date('2027-03-13T12:00:00Z'));
    const skipped = await desk.book(callSession(night), { typeCode: 'exam', localStart: '2027-03-14T02:30', identity: NEWCOMER });
    expect(skipped.status).toBe('slot_unavailable');
    expect(skipped.status === 'slot_unavailable' && localStarts(skipped.alternatives)).toEqual([
      '2027-03-14T03:00',
      '2027-03-14T01:30',
      '2027-03-14T03:30',
      '2027-03-14T01:00',
    ]);
    expect(await desk.book(session, { typeCode: 'exam', localStart: '2026-02-30T10:00', identity: NEWCOMER })).toEqual({
      status: 'invalid_date',
      field: 'start',
    });
    expect(await desk.book(session, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: { fullName: 'Ana Souza', dateOfBirth: '1990-02-30' } })).toEqual({
      status: 'invalid_date',
      field: 'date_of_birth',
    });
  });

  it('needs a first and last name to register a new patient', async () => {
    const result = await desk.book(session, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: { fullName: 'Cher', dateOfBirth: '1990-04-12' } });
    expect(result).toEqual({ status: 'incomplete_name' });
    expect(backend.callsOf('book')).toEqual([]);
  });
});

describe('FrontDesk identity gate', () => {
  it('shows a verified caller their upcoming appointments under opaque refs', async () => {
    const { appointments } = mariaWithAppointments();
    const result = await desk.findMyAppointments(session, MARIA_SAYS);
    expect(result.status).toBe('verified');
    if (result.status !== 'verified') return;
    expect(result.appointments.map(({ ref, appointment }) => [ref, appointment.id])).toEqual([
      ['appt-1', appointments[1]?.id],
      ['appt-2', appointments[0]?.id],
    ]);
    expect(session.verifiedPatient?.firstName).toBe('María');
    expect([...session.shownAppointments.keys()]).toEqual(['appt-1', 'appt-2']);
  });

  it('refuses a wrong date of birth exactly as it refuses a stranger', async () => {
    mariaWithAppointments();
    const wrongBirthday = await desk.findMyAppointments(session, { ...MARIA_SAYS, dateOfBirth: '1984-07-20' });
    const stranger = await desk.findMyAppointments(session, { fullName: 'Nobody Atall', dateOfBirth: '1960-01-01' });
    expect(wrongBirthday).toEqual({ status: 'identity_mismatch' });
    expect(stranger).toEqual(wrongBirthday);
    expect(session.verifiedPatient).toBeUndefined();
    expect(session.shownAppointments.size).toBe(0);
  });

  it('refuses changes before verification, even for a guessed ref', async () => {
    mariaWithAppointments();
    expect(await desk.reschedule(session, 'appt-1', '2026-12-02T10:00')).toEqual({ status: 'not_verified' });
    expect(await desk.cancel(session, 'appt-1')).toEqual({ status: 'not_verified' });
    expect(backend.callsOf('reschedule')).toEqual([]);
    expect(backend.callsOf('cancel')).toEqual([]);
  });

  it('refuses refs shown in another call, or to another patient', async () => {
    mariaWithAppointments();
    backend.addPatient(practice, JAMES);
    await desk.findMyAppointments(session, MARIA_SAYS);

    const jamesCall = callSession(practice, 'call-2');
    await desk.findMyAppointments(jamesCall, { fullName: 'James Whitfield', dateOfBirth: JAMES.dateOfBirth });
    expect(await desk.cancel(jamesCall, 'appt-1')).toEqual({ status: 'unknown_appointment' });

    // Maria's call, then the caller proves to be James: Maria's refs stop working.
    await desk.findMyAppointments(session, { fullName: 'James Whitfield', dateOfBirth: JAMES.dateOfBirth });
    expect(await desk.cancel(session, 'appt-1')).toEqual({ status: 'unknown_appointment' });
    expect(backend.callsOf('cancel')).toEqual([]);
  });

  it('reschedules a shown appointment to an open slot, keeping the provider', async () => {
    const { appointments } = mariaWithAppointments();
    await desk.findMyAppointments(session, MARIA_SAYS);
    const result = await desk.reschedule(session, 'appt-1', '2026-12-02T09:00');
    expect(result).toMatchObject({
      status: 'rescheduled',
      ref: 'appt-1',
      appointment: { start: '2026-12-02T14:00:00.000Z', providerId: 'hyg-kim', status: 'scheduled' },
    });
    const moved = result.status === 'rescheduled' ? result.appointment : undefined;
    expect(backend.appointments.find((a) => a.id === appointments[1]?.id)?.status).toBe('rescheduled');
    expect(session.shownAppointments.get('appt-1')).toEqual(moved);
    expect(session.outcomes).toEqual(['rescheduled']);
    expect(session.appointmentIds).toEqual([appointments[1]?.id, moved?.id]);
    // Asked again (a re-ask or a retry): already done, nothing more written.
    expect(await desk.reschedule(session, 'appt-1', '2026-12-02T09:00')).toMatchObject({ status: 'rescheduled', appointment: { id: moved?.id } });
    expect(backend.callsOf('reschedule')).toHaveLength(1);
  });

  it('does not reschedule into a taken slot, even one the patient holds herself', async () => {
    const { appointments } = mariaWithAppointments();
    await desk.findMyAppointments(session, MARIA_SAYS);
    // Tue Dec 8, 2 PM is Maria's other cleaning with the only hygienist.
    const result = await desk.reschedule(session, 'appt-1', '2026-12-08T14:00');
    expect(result.status).toBe('slot_unavailable');
    expect(result.status === 'slot_unavailable' && result.alternatives.length).toBe(4);
    expect(backend.callsOf('reschedule')).toEqual([]);
    expect(session.shownAppointments.get('appt-1')?.id).toBe(appointments[1]?.id);
    expect(session.outcomes).toEqual([]);
  });

  it('moves a cleaning half an hour later with the only hygienist: its own time does not block it', async () => {
    const { appointments } = mariaWithAppointments();
    const thursday = appointments[1] as Appointment; // Thu Dec 3, 10-11 AM with Maya Kim
    await desk.findMyAppointments(session, MARIA_SAYS);

    const result = await desk.reschedule(session, 'appt-1', '2026-12-03T10:30');

    expect(result).toMatchObject({
      status: 'rescheduled',
      ref: 'appt-1',
      appointment: { start: '2026-12-03T15:30:00.000Z', end: '2026-12-03T16:30:00.000Z', providerId: 'hyg-kim', status: 'scheduled' },
    });
    expect(backend.appointments.find((a) => a.id === thursday.id)?.status).toBe('rescheduled');
    expect(backend.callsOf('openSlots').map((call) => call.excludeAppointmentId)).toEqual([thursday.id]);
    expect(backend.callsOf('reschedule')).toHaveLength(1);
  });

  it("still refuses a move onto another patient's time, offering times beside its own but never its own", async () => {
    const { appointments } = mariaWithAppointments();
    const james = backend.addPatient(practice, JAMES);
    // James has the hygienist from 11 AM to noon on Thursday: 10:30 would overlap him.
    backend.addAppointment(practice, {
      patientId: james.id,
      typeCode: 'cleaning',
      providerId: 'hyg-kim',
      operatoryId: 'op-2',
      start: '2026-12-03T16:00:00.000Z',
      end: '2026-12-03T17:00:00.000Z',
      status: 'scheduled',
    });
    await desk.findMyAppointments(session, MARIA_SAYS);

    const result = await desk.reschedule(session, 'appt-1', '2026-12-03T10:30');

    expect(result.status).toBe('slot_unavailable');
    const alternatives = result.status === 'slot_unavailable' ? localStarts(result.alternatives) : [];
    // 9:30 overlaps only Maria's own 10 AM cleaning; 10 AM is the time she already has.
    expect(alternatives).toContain('2026-12-03T09:30');
    expect(alternatives).not.toContain('2026-12-03T10:00');
    expect(backend.callsOf('openSlots').every((call) => call.excludeAppointmentId === appointments[1]?.id)).toBe(true);
    expect(backend.callsOf('reschedule')).toEqual([]);
    expect(backend.active(practice).filter((a) => a.patientId === james.id)).toHaveLength(1);
  });

  it('finds its own reschedule when retried after the reply was lost', async () => {
    const { appointments } = mariaWithAppointments();
    await desk.findMyAppointments(session, MARIA_SAYS);
    backend.failNext('reschedule', { afterWrite: true });
    await expect(desk.reschedule(session, 'appt-1', '2026-12-02T09:00')).rejects.toThrow('backend unavailable');
    const retry = await desk.reschedule(session, 'appt-1', '2026-12-02T09:00');
    expect(retry).toMatchObject({ status: 'rescheduled', appointment: { start: '2026-12-02T14:00:00.000Z', status: 'scheduled' } });
    expect(backend.appointments.find((a) => a.id === appointments[1]?.id)?.status).toBe('rescheduled');
    expect(backend.active(practice).filter((a) => a.start === '2026-12-02T14:00:00.000Z')).toHaveLength(1);
    expect(session.outcomes).toEqual(['rescheduled']);
  });

  it('cancels a shown appointment once', async () => {
    const { appointments } = mariaWithAppointments();
    await desk.findMyAppointments(session, MARIA_SAYS);
    const result = await desk.cancel(session, 'appt-2');
    expect(result).toMatchObject({ status: 'cancelled', ref: 'appt-2', appointment: { id: appointments[0]?.id, status: 'cancelled' } });
    expect(await desk.cancel(session, 'appt-2')).toEqual(result);
    expect(backend.callsOf('cancel')).toHaveLength(1);
    expect(session.outcomes).toEqual(['cancelled']);
    expect(await desk.reschedule(session, 'appt-2', '2026-12-02T09:00')).toEqual({ status: 'unknown_appointment' });
  });

  it('never logs names, dates of birth or phone numbers', async () => {
    mariaWithAppointments();
    await desk.findMyAppointments(session, MARIA_SAYS);
    await desk.cancel(session, 'appt-1');
    await desk.book(session, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: NEWCOMER, phone: '+15550001234' });
    await desk.findMyAppointments(session, { ...MARIA_SAYS, dateOfBirth: '1999-01-01' });
    const logged = logger.text();
    expect(logger.entries.length).toBeGreaterThan(3);
    for (const phi of ['Mar', 'Connor', 'Garc', 'Ana', 'Souza', '1984', '1990', '1999', '5550001234', '5557770000', '5551110001']) {
      expect(logged).not.toContain(phi);
    }
  });
});
