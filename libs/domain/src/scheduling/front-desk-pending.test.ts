import { beforeEach, describe, expect, it } from 'vitest';
import type { Practice } from '../model';
import { SchedulingBackendUnavailableError } from '../outbox';
import type { CallSession } from '../receptionist/call-session';
import type { BookAppointmentRequest } from './front-desk-results';
import { FakeClock, MARIA, RecordingLogger, brightSmileDental, callSession } from './bright-smile.fixture';
import { FrontDesk } from './front-desk';
import { idempotencyKey } from './idempotency';
import { InMemorySchedulingBackend } from './in-memory-backend.fixture';
import { KeptPendingBookings } from './pending-bookings.fixture';

const MARIA_SAYS = { fullName: "María O'Connor-García", dateOfBirth: MARIA.dateOfBirth };
const NEWCOMER = { fullName: 'Ana Beatriz Souza', dateOfBirth: '1990-04-12' };
/** An exam on Tuesday, December 1 at 10 AM: with Dr. Lee in operatory 1 on an empty schedule. */
const EXAM: BookAppointmentRequest = { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: MARIA_SAYS };
const EXAM_SLOT = { typeCode: 'exam', providerId: 'dr-lee', operatoryId: 'op-1', start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T15:30:00.000Z' };
const PHI = /Mar[ií]a|Connor|Ana|Souza|1984|1990|\+1555/;

let practice: Practice;
let clock: FakeClock;
let logger: RecordingLogger;
let backend: InMemorySchedulingBackend;
let bookings: KeptPendingBookings;
let desk: FrontDesk;
let session: CallSession;

beforeEach(() => {
  practice = brightSmileDental();
  clock = new FakeClock(); // Monday 2026-11-30 09:00 EST
  logger = new RecordingLogger();
  backend = new InMemorySchedulingBackend(clock);
  bookings = new KeptPendingBookings();
  desk = new FrontDesk(backend, clock, logger, { pendingBookings: bookings });
  session = callSession(practice);
});

const unavailable = (reason: 'timeout' | 'connection' | 'server_error' = 'timeout') => new SchedulingBackendUnavailableError(reason);

describe('FrontDesk.book: the backend is unavailable for the booking itself', () => {
  it('queues the booking under the key of the live attempt and answers pending', async () => {
    const maria = backend.addPatient(practice, MARIA);
    backend.failNext('book', { error: unavailable('timeout') });

    const outcome = await desk.book(session, EXAM);

    expect(outcome).toEqual({ status: 'pending', slot: EXAM_SLOT, newPatient: false });
    const [attempt] = backend.callsOf('book');
    expect(bookings.queued).toEqual([
      {
        practiceId: practice.id,
        callId: 'call-1',
        patientId: maria.id,
        slot: EXAM_SLOT,
        idempotencyKey: attempt?.idempotencyKey,
        requestedAt: clock.now().toISOString(),
      },
    ]);
    expect(backend.active(practice)).toEqual([]);
    // The caller agreed to it: the call record shows a booking, whose appointment id comes with delivery.
    expect(session.outcomes).toEqual(['booked']);
    expect(session.appointmentIds).toEqual([]);
    expect(session.verifiedPatient?.id).toBe(maria.id);
    expect(logger.entries.at(-1)).toEqual({
      level: 'warn',
      fields: { callId: 'call-1', practiceId: practice.id, patientId: maria.id, typeCode: 'exam', at: 'book', reason: 'timeout' },
      message: 'booking queued: scheduling backend unavailable',
    });
    expect(logger.text()).not.toMatch(PHI);
  });

  it('keeps one appointment when the write had happened and only its reply was lost: the relay replays the same key', async () => {
    backend.addPatient(practice, MARIA);
    backend.failNext('book', { afterWrite: true, error: unavailable('server_error') });

    expect(await desk.book(session, EXAM)).toMatchObject({ status: 'pending' });

    const [queued] = bookings.queued;
    if (!queued) throw new Error('nothing queued');
    const [made] = backend.active(practice);
    const delivered = await backend.book(practice, { patientId: queued.patientId, slot: queued.slot, idempotencyKey: queued.idempotencyKey });
    expect(delivered).toEqual({ status: 'booked', appointment: made });
    expect(backend.active(practice)).toHaveLength(1);
  });

  it('registers a new caller first, then queues for the registered patient', async () => {
    backend.failNext('book', { error: unavailable('connection') });

    const outcome = await desk.book(session, { ...EXAM, identity: NEWCOMER, phone: '(555) 222-0003' });

    expect(outcome).toEqual({ status: 'pending', slot: EXAM_SLOT, newPatient: true });
    const registered = backend.patients.find((patient) => patient.lastName === 'Souza');
    expect(bookings.queued.map((booking) => booking.patientId)).toEqual([registered?.id]);
    expect(logger.text()).not.toMatch(PHI);
  });

  it('queues and counts a booking re-asked while the backend is still unavailable once', async () => {
    backend.addPatient(practice, MARIA);
    backend.failNext('book', { error: unavailable() });
    await desk.book(session, EXAM);
    backend.failNext('book', { error: unavailable() });

    expect(await desk.book(session, EXAM)).toEqual({ status: 'pending', slot: EXAM_SLOT, newPatient: false });

    const keys = backend.callsOf('book').map((call) => call.idempotencyKey);
    expect(new Set(keys).size).toBe(1);
    expect(bookings.queued).toHaveLength(1);
    expect(session.outcomes).toEqual(['booked']);
    expect(logger.entries.at(-1)?.message).toBe('booking already queued');
  });

  it('cannot queue for a caller whose registration the backend is unavailable for: there is no patient yet', async () => {
    backend.failNext('registerPatient', { error: unavailable() });

    await expect(desk.book(session, { ...EXAM, identity: NEWCOMER })).rejects.toBeInstanceOf(SchedulingBackendUnavailableError);

    expect(backend.callsOf('book')).toEqual([]);
    expect(bookings.queued).toEqual([]);
    expect(session.outcomes).toEqual([]);
  });

  it('fails as before when no pending store is configured', async () => {
    const plain = new FrontDesk(backend, clock, logger);
    backend.addPatient(practice, MARIA);
    const error = unavailable();
    backend.failNext('book', { error });

    await expect(plain.book(session, EXAM)).rejects.toBe(error);

    expect(session.outcomes).toEqual([]);
  });

  it('does not queue a refusal: only "unavailable now, safe to replay" is queued', async () => {
    backend.addPatient(practice, MARIA);
    const refusal = new Error('CrownDesk 422: appointment type not bookable online');
    backend.failNext('book', { error: refusal });

    await expect(desk.book(session, EXAM)).rejects.toBe(refusal);

    expect(bookings.queued).toEqual([]);
    expect(session.outcomes).toEqual([]);
  });

  it('surfaces a pending store that cannot keep the booking, with its cause, and counts nothing', async () => {
    backend.addPatient(practice, MARIA);
    const diskFull = new Error('SQLITE_FULL');
    bookings.failNextQueue(diskFull);
    backend.failNext('book', { error: unavailable() });

    await expect(desk.book(session, EXAM)).rejects.toMatchObject({
      message: 'Could not queue the booking of call call-1 after the backend was unavailable',
      cause: diskFull,
    });

    expect(session.outcomes).toEqual([]);
  });
});

describe('FrontDesk.book: a superseded turn queues nothing', () => {
  it('when the caller talks over the write before it starts', async () => {
    backend.addPatient(practice, MARIA);
    const turn = new AbortController();
    const superseded = new Error('turn superseded');
    backend.onNextCall('book', () => turn.abort(superseded));

    await expect(desk.book(session, EXAM, { signal: turn.signal })).rejects.toBe(superseded);

    expect(bookings.queued).toEqual([]);
    expect(session.outcomes).toEqual([]);
  });

  it('when the write started, the turn was superseded, and the backend then timed out', async () => {
    backend.addPatient(practice, MARIA);
    const turn = new AbortController();
    backend.onNextBook(() => turn.abort(new Error('turn superseded')));
    backend.failNext('book', { afterWrite: true, error: unavailable() });

    await expect(desk.book(session, EXAM, { signal: turn.signal })).rejects.toBeInstanceOf(SchedulingBackendUnavailableError);

    // The write that had started was finished; the model asks again and the same key finds it.
    expect(backend.active(practice)).toHaveLength(1);
    expect(bookings.queued).toEqual([]);
    expect(session.outcomes).toEqual([]);
  });
});

describe('FrontDesk.book: the backend is unavailable for the slot check', () => {
  it("queues the practice calendar's slot without a live write, under the key a live booking would use", async () => {
    const maria = backend.addPatient(practice, MARIA);
    backend.failNext('openSlots', { error: unavailable('connection') });

    const outcome = await desk.book(session, EXAM);

    expect(outcome).toEqual({ status: 'pending', slot: EXAM_SLOT, newPatient: false });
    expect(backend.callsOf('book')).toEqual([]);
    const key = idempotencyKey('call-1', 'book', { type: 'exam', start: EXAM_SLOT.start, patient: maria.id });
    expect(bookings.queued).toMatchObject([{ patientId: maria.id, slot: EXAM_SLOT, idempotencyKey: key }]);
    expect(logger.entries.at(-1)).toMatchObject({ level: 'warn', fields: { at: 'slot_check', reason: 'connection' } });

    // Asked again once the backend is back, the live booking uses the same key: the queued one writes no second.
    expect(await desk.book(session, EXAM)).toMatchObject({ status: 'booked' });
    expect(backend.callsOf('book').map((call) => call.idempotencyKey)).toEqual([key]);
  });

  it('knows a caller verified earlier in the call without asking the backend', async () => {
    const maria = backend.addPatient(practice, MARIA);
    await desk.findMyAppointments(session, MARIA_SAYS);
    backend.failNext('openSlots', { error: unavailable() });
    backend.failNext('findPatients', { error: unavailable() });

    expect(await desk.book(session, EXAM)).toEqual({ status: 'pending', slot: EXAM_SLOT, newPatient: false });
    expect(bookings.queued.map((booking) => booking.patientId)).toEqual([maria.id]);
  });

  it('does not queue a caller the backend cannot look up', async () => {
    backend.addPatient(practice, MARIA);
    backend.failNext('openSlots', { error: unavailable() });
    backend.failNext('findPatients', { error: unavailable() });

    await expect(desk.book(session, EXAM)).rejects.toBeInstanceOf(SchedulingBackendUnavailableError);

    expect(bookings.queued).toEqual([]);
  });

  it.each([
    ['a cleaning that would end after closing', { typeCode: 'cleaning', localStart: '2026-12-01T16:30' }],
    ['off the booking grid', { localStart: '2026-12-01T10:15' }],
    ['on a closure', { localStart: '2026-12-25T10:00' }],
    ['on a Saturday, when the practice is closed', { localStart: '2026-12-05T10:00' }],
  ])('does not queue a start the practice calendar does not have: %s', async (_why, change) => {
    backend.addPatient(practice, MARIA);
    const error = unavailable();
    backend.failNext('openSlots', { error });

    await expect(desk.book(session, { ...EXAM, ...change })).rejects.toBe(error);

    expect(backend.callsOf('findPatients')).toEqual([]);
    expect(bookings.queued).toEqual([]);
    expect(logger.entries.at(-1)?.message).toBe('booking not queued: not a slot of the practice calendar');
  });

  it('does not queue for a superseded turn', async () => {
    backend.addPatient(practice, MARIA);
    const turn = new AbortController();
    backend.onNextCall('openSlots', () => turn.abort(new Error('turn superseded')));

    await expect(desk.book(session, EXAM, { signal: turn.signal })).rejects.toThrow('turn superseded');

    expect(bookings.queued).toEqual([]);
  });
});
