import { beforeEach, describe, expect, it } from 'vitest';
import type { Practice } from '../model';
import type { CallSession } from '../receptionist/call-session';
import { FakeClock, MARIA, RecordingLogger, brightSmileDental, callSession } from './bright-smile.fixture';
import { FrontDesk } from './front-desk';
import { InMemorySchedulingBackend } from './in-memory-backend.fixture';

const MARIA_SAYS = { fullName: "María O'Connor-García", dateOfBirth: MARIA.dateOfBirth };
const NEWCOMER = { fullName: 'Ana Beatriz Souza', dateOfBirth: '1990-04-12' };

let practice: Practice;
let backend: InMemorySchedulingBackend;
let desk: FrontDesk;
let session: CallSession;
let turn: AbortController;

beforeEach(() => {
  practice = brightSmileDental();
  const clock = new FakeClock(); // Monday 2026-11-30 09:00 EST
  backend = new InMemorySchedulingBackend(clock);
  desk = new FrontDesk(backend, clock, new RecordingLogger());
  session = callSession(practice);
  turn = new AbortController();
});

/** Maria with a cleaning on Thursday Dec 3, 10-11 AM, with the only hygienist. */
function mariaWithCleaning() {
  const maria = backend.addPatient(practice, MARIA);
  return backend.addAppointment(practice, {
    patientId: maria.id,
    typeCode: 'cleaning',
    providerId: 'hyg-kim',
    operatoryId: 'op-1',
    start: '2026-12-03T15:00:00.000Z',
    end: '2026-12-03T16:00:00.000Z',
    status: 'scheduled',
  });
}

describe("FrontDesk: the caller's signal", () => {
  it('hands the signal to every backend call of every use case', async () => {
    mariaWithCleaning();
    const options = { signal: turn.signal };

    await desk.findAvailableSlots(session, { typeCode: 'exam', date: '2026-12-01' }, options);
    await desk.book(session, { typeCode: 'exam', localStart: '2026-12-01T10:00', identity: NEWCOMER }, options);
    const found = await desk.findMyAppointments(session, MARIA_SAYS, options);
    const ref = found.status === 'verified' ? (found.appointments[0]?.ref ?? '') : '';
    expect(await desk.reschedule(session, ref, '2026-12-03T10:30', options)).toMatchObject({ status: 'rescheduled' });
    expect(await desk.cancel(session, ref, options)).toMatchObject({ status: 'cancelled' });

    const operations = new Set(backend.calls.map((call) => call.operation));
    expect(operations).toEqual(new Set(['openSlots', 'findPatients', 'registerPatient', 'book', 'appointmentsOf', 'reschedule', 'cancel']));
    expect(backend.calls.every((call) => call.signal === turn.signal)).toBe(true);
  });

  it('stops a reschedule before it writes when the caller talks over the availability check', async () => {
    const cleaning = mariaWithCleaning();
    await desk.findMyAppointments(session, MARIA_SAYS);
    const superseded = new Error('turn superseded');
    backend.onNextCall('openSlots', () => turn.abort(superseded));

    await expect(desk.reschedule(session, 'appt-1', '2026-12-03T10:30', { signal: turn.signal })).rejects.toBe(superseded);

    expect(backend.callsOf('reschedule')).toEqual([]);
    expect(backend.active(practice)).toEqual([cleaning]);
    expect(session.outcomes).toEqual([]);
  });

  it('makes no write once the signal has aborted', async () => {
    mariaWithCleaning();
    await desk.findMyAppointments(session, MARIA_SAYS);
    const superseded = new Error('turn superseded');
    // The caller talks over the write itself: the backend refuses to start it.
    backend.onNextCall('cancel', () => turn.abort(superseded));

    await expect(desk.cancel(session, 'appt-1', { signal: turn.signal })).rejects.toBe(superseded);

    expect(backend.active(practice)).toHaveLength(1);
    expect(session.outcomes).toEqual([]);
  });
});
