import { describe, expect, it } from 'vitest';
import type { Slot } from '@crowndesk/domain';
import { BackendRejectedError } from '../src/index';
import { fakeBackend, json, nestError } from './support/backend';
import { maple } from './support/practice';
import { appointmentPage, appointmentRow } from './support/rows';
import { testScheduling } from './support/scheduling';

const backend = fakeBackend();
const APPOINTMENTS = '/api/ai-agent/appointments';
const STATUS = '/api/ai-agent/appointments/status';
const PATIENT_APPOINTMENTS = '/api/ai-agent/patients/appointments';

const old = appointmentRow({ id: 'apt-old', startTime: '2025-06-05T14:00:00.000Z', endTime: '2025-06-05T15:00:00.000Z' });
const cancelledOld = { ...old, status: 'cancelled' };
const common = { practiceId: 'practice-maple', patientId: 'pat-1', typeCode: 'cleaning', providerId: 'prov-park', operatoryId: 'op-1' };
const oldAppointment = { ...common, id: 'apt-old', start: old.startTime, end: old.endTime };

/** Route, idempotency key and body of each request, in order. */
const trail = () => backend.seen.map((seen) => [seen.method, seen.path, seen.headers['idempotency-key'], seen.body]);
const READ = ['POST', PATIENT_APPOINTMENTS, null, { patientId: 'pat-1' }];

describe('CrownDeskSchedulingBackend.cancel', () => {
  const request = { appointmentId: 'apt-old', patientId: 'pat-1', idempotencyKey: 'call-1:cancel:1' };
  const RELEASE = ['PATCH', STATUS, 'call-1:cancel:1', { appointmentId: 'apt-old', status: 'cancelled' }];

  it("checks the appointment is the patient's, then marks it cancelled with the idempotency key", async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old])));
    backend.on('PATCH', STATUS, () => json(cancelledOld));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.cancel(maple, request)).resolves.toEqual({
      status: 'cancelled',
      appointment: { ...oldAppointment, status: 'cancelled' },
    });
    expect(trail()).toEqual([READ, RELEASE]);
    expect(backend.to('PATCH', STATUS)[0]?.headers).toMatchObject({
      authorization: 'Bearer crowndesk_test_maplekey',
      'x-tenant-id': 'tenant-maple',
      'content-type': 'application/json',
    });
  });

  it("answers not_found, without writing, for an appointment that is not the patient's", async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([{ ...old, id: 'apt-mine' }, { ...old, patientId: 'pat-9' }])));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.cancel(maple, request)).resolves.toEqual({ status: 'not_found' });
    expect(trail()).toEqual([READ]);
  });

  it('reports an already cancelled appointment as cancelled, without writing', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([cancelledOld])));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.cancel(maple, request)).resolves.toMatchObject({ status: 'cancelled', appointment: { id: 'apt-old' } });
    expect(trail()).toEqual([READ]);
  });

  it('treats the refusal of cancelled -> cancelled on a retry as the first attempt having landed', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, (_seen, call) => json(appointmentPage([call === 1 ? old : cancelledOld])));
    backend.on('PATCH', STATUS, (_seen, call) =>
      call === 1
        ? nestError(503, 'Service Unavailable', 'Service Unavailable')
        : nestError(400, 'Cannot transition from cancelled to cancelled', 'Bad Request'),
    );
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.cancel(maple, request)).resolves.toMatchObject({ status: 'cancelled', appointment: { status: 'cancelled' } });
    expect(trail()).toEqual([READ, RELEASE, RELEASE, READ]);
  });

  it('answers not_found when CrownDesk no longer knows the appointment', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old])));
    backend.on('PATCH', STATUS, () => nestError(404, 'Appointment apt-old not found', 'Not Found'));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.cancel(maple, request)).resolves.toEqual({ status: 'not_found' });
  });

  it('rethrows a refusal when the appointment is still not cancelled (a visit under way)', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([{ ...old, status: 'in_progress' }])));
    backend.on('PATCH', STATUS, () => nestError(400, 'Cannot transition from in_progress to cancelled', 'Bad Request'));
    const { backend: scheduling } = testScheduling();

    const caught = await scheduling.cancel(maple, request).catch((thrown: unknown) => thrown);

    expect(caught).toBeInstanceOf(BackendRejectedError);
    expect(caught).toMatchObject({ status: 400 });
    expect(trail()).toEqual([READ, RELEASE, READ]);
  });
});

describe('CrownDeskSchedulingBackend.reschedule', () => {
  const KEY = 'call-1:resched:1';
  const newSlot: Slot = {
    typeCode: 'cleaning',
    providerId: 'prov-park',
    operatoryId: 'op-1',
    start: '2025-06-09T14:00:00.000Z',
    end: '2025-06-09T15:00:00.000Z',
  };
  const request = { appointmentId: 'apt-old', patientId: 'pat-1', newSlot, idempotencyKey: KEY };
  const notes = `Rescheduled by phone with the CrownDesk Voice receptionist from appointment apt-old (ref ${KEY}).`;
  const bookBody = (slot: Slot) => ({
    patientId: 'pat-1',
    startTime: slot.start,
    endTime: slot.end,
    appointmentType: 'hygiene',
    provider: 'Sam Park',
    status: 'scheduled',
    notes,
  });
  const BOOK = ['POST', APPOINTMENTS, `${KEY}:book`, bookBody(newSlot)];
  const RELEASE = ['PATCH', STATUS, `${KEY}:release`, { appointmentId: 'apt-old', status: 'cancelled' }];
  const replacement = appointmentRow({ id: 'apt-new', startTime: newSlot.start, endTime: newSlot.end, notes });
  const rescheduled = {
    status: 'rescheduled',
    previous: { ...oldAppointment, status: 'rescheduled' },
    appointment: { ...common, id: 'apt-new', start: newSlot.start, end: newSlot.end, status: 'scheduled' },
  };

  it('books the new slot first, then cancels the old appointment, each write with its own derived key', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old])));
    backend.on('POST', APPOINTMENTS, () => json(replacement, 201));
    backend.on('PATCH', STATUS, () => json(cancelledOld));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.reschedule(maple, request)).resolves.toEqual(rescheduled);
    expect(trail()).toEqual([READ, BOOK, RELEASE]);
  });

  it('answers slot_taken, keeping the old appointment, when someone else holds the new time', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old])));
    backend.on('POST', APPOINTMENTS, () => json({ message: 'Time slot already booked for this provider', conflictingAppointment: { id: 'apt-x' } }, 409));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.reschedule(maple, request)).resolves.toEqual({ status: 'slot_taken' });
    expect(trail()).toEqual([READ, BOOK, READ]);
  });

  describe('to a time overlapping the appointment itself', () => {
    const laterSlot: Slot = { ...newSlot, start: '2025-06-05T14:30:00.000Z', end: '2025-06-05T15:30:00.000Z' };
    const moveRequest = { ...request, newSlot: laterSlot };
    const MOVE = ['POST', APPOINTMENTS, `${KEY}:book`, bookBody(laterSlot)];
    const clash = (id: string) => json({ message: 'Time slot already booked for this provider', conflictingAppointment: { id } }, 409);
    const restoreBody = {
      patientId: 'pat-1',
      startTime: old.startTime,
      endTime: old.endTime,
      appointmentType: 'hygiene',
      provider: 'Sam Park',
      status: 'scheduled',
      notes: `Restored by the CrownDesk Voice receptionist after a failed reschedule of appointment apt-old (ref ${KEY}).`,
    };
    const RESTORE = ['POST', APPOINTMENTS, `${KEY}:restore`, restoreBody];

    it('releases the old time first, since CrownDesk counts it as the clash', async () => {
      backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old])));
      backend.on('POST', APPOINTMENTS, (_seen, call) =>
        call === 1 ? clash('apt-old') : json(appointmentRow({ id: 'apt-new', startTime: laterSlot.start, endTime: laterSlot.end }), 201),
      );
      backend.on('PATCH', STATUS, () => json(cancelledOld));
      const { backend: scheduling } = testScheduling();

      await expect(scheduling.reschedule(maple, moveRequest)).resolves.toEqual({
        ...rescheduled,
        appointment: { ...rescheduled.appointment, start: laterSlot.start, end: laterSlot.end },
      });
      expect(trail()).toEqual([READ, MOVE, READ, RELEASE, MOVE]);
    });

    it('books the old time again when the new one is then taken', async () => {
      backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old])));
      backend.on('POST', APPOINTMENTS, (_seen, call) =>
        call === 1 ? clash('apt-old') : call === 2 ? clash('apt-x') : json({ ...old, id: 'apt-restored' }, 201),
      );
      backend.on('PATCH', STATUS, () => json(cancelledOld));
      const { backend: scheduling, logger } = testScheduling();

      await expect(scheduling.reschedule(maple, moveRequest)).resolves.toEqual({ status: 'slot_taken' });
      expect(trail()).toEqual([READ, MOVE, READ, RELEASE, MOVE, RESTORE]);
      expect(logger.at('warn').at(-1)?.fields).toEqual({ practiceId: 'practice-maple', appointmentId: 'apt-old', restoredAs: 'apt-restored' });
    });

    it('fails loudly when the old time cannot be booked again', async () => {
      backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old])));
      backend.on('POST', APPOINTMENTS, (_seen, call) =>
        call === 1 ? clash('apt-old') : call === 2 ? clash('apt-x') : clash('apt-y'),
      );
      backend.on('PATCH', STATUS, () => json(cancelledOld));
      const { backend: scheduling, logger } = testScheduling();

      await expect(scheduling.reschedule(maple, moveRequest)).rejects.toThrow(
        'Reschedule of appointment apt-old failed and its old time could not be restored',
      );
      expect(logger.at('error').at(-1)).toEqual({
        level: 'error',
        fields: { practiceId: 'practice-maple', appointmentId: 'apt-old' },
        message: 'Reschedule failed and the old time could not be booked again: staff must rebook this patient',
      });
    });
  });

  it('completes a replay whose new booking landed but whose release did not', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([old, replacement])));
    backend.on('PATCH', STATUS, () => json(cancelledOld));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.reschedule(maple, request)).resolves.toEqual(rescheduled);
    expect(trail()).toEqual([READ, RELEASE]);
  });

  it('answers a replay of a finished reschedule without writing', async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([cancelledOld, replacement])));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.reschedule(maple, request)).resolves.toEqual(rescheduled);
    expect(trail()).toEqual([READ]);
  });

  it("answers not_found for an appointment that is not the patient's, or was cancelled meanwhile", async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, (_seen, call) => json(appointmentPage(call === 1 ? [] : [cancelledOld])));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.reschedule(maple, request)).resolves.toEqual({ status: 'not_found' });
    await expect(scheduling.reschedule(maple, request)).resolves.toEqual({ status: 'not_found' });
    expect(trail()).toEqual([READ, READ]);
  });
});
