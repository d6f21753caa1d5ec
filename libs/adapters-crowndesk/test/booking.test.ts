import { describe, expect, it } from 'vitest';
import type { Slot } from '@crowndesk/domain';
import { BackendRejectedError, BackendUnavailableError } from '../src/index';
import { fakeBackend, json, nestError } from './support/backend';
import { maple } from './support/practice';
import { appointmentPage, appointmentRow } from './support/rows';
import { testScheduling } from './support/scheduling';

const backend = fakeBackend();
const APPOINTMENTS = '/api/ai-agent/appointments';
const PATIENT_APPOINTMENTS = '/api/ai-agent/patients/appointments';

describe('CrownDeskSchedulingBackend.appointmentsOf', () => {
  it("lists the patient's appointments from the practice's today on, in domain words, soonest first", async () => {
    backend.on('POST', PATIENT_APPOINTMENTS, () =>
      json(
        appointmentPage([
          appointmentRow({ id: 'apt-past', startTime: '2025-05-30T14:00:00.000Z', endTime: '2025-05-30T15:00:00.000Z', status: 'completed' }),
          appointmentRow({ id: 'apt-today', startTime: '2025-06-02T13:00:00.000Z', endTime: '2025-06-02T14:00:00.000Z', status: 'completed' }),
          appointmentRow({ id: 'apt-noshow', startTime: '2025-06-02T14:30:00.000Z', endTime: '2025-06-02T15:30:00.000Z', status: 'no_show' }),
          appointmentRow({
            id: 'apt-next',
            startTime: '2025-06-10T14:00:00.000Z',
            endTime: '2025-06-10T14:30:00.000Z',
            appointmentType: 'recall',
            provider: ' dr. lee',
            operatory: 'Chair 2',
            status: 'confirmed',
          }),
          appointmentRow({
            id: 'apt-cancelled',
            startTime: '2025-06-12T15:00:00.000Z',
            endTime: '2025-06-12T16:00:00.000Z',
            appointmentType: 'orthodontic',
            provider: 'Dr. Gone',
            status: 'cancelled',
          }),
          appointmentRow({ id: 'apt-else', patientId: 'pat-9', startTime: '2025-06-11T14:00:00.000Z', endTime: '2025-06-11T15:00:00.000Z' }),
        ]),
      ),
    );
    const { backend: scheduling } = testScheduling();

    const appointments = await scheduling.appointmentsOf(maple, 'pat-1');

    expect(backend.seen.map((seen) => [seen.method, seen.path, seen.headers['idempotency-key'], seen.body])).toEqual([
      ['POST', PATIENT_APPOINTMENTS, null, { patientId: 'pat-1' }],
    ]);
    const common = { practiceId: 'practice-maple', patientId: 'pat-1' };
    expect(appointments).toEqual([
      // Earlier today still counts; a finished visit still holds its booking.
      { ...common, id: 'apt-today', typeCode: 'cleaning', providerId: 'prov-park', operatoryId: 'op-1', start: '2025-06-02T13:00:00.000Z', end: '2025-06-02T14:00:00.000Z', status: 'confirmed' },
      { ...common, id: 'apt-noshow', typeCode: 'cleaning', providerId: 'prov-park', operatoryId: 'op-1', start: '2025-06-02T14:30:00.000Z', end: '2025-06-02T15:30:00.000Z', status: 'cancelled' },
      { ...common, id: 'apt-next', typeCode: 'exam', providerId: 'prov-lee', operatoryId: 'op-2', start: '2025-06-10T14:00:00.000Z', end: '2025-06-10T14:30:00.000Z', status: 'confirmed' },
      // Values the practice has no word for pass through as CrownDesk has them.
      { ...common, id: 'apt-cancelled', typeCode: 'orthodontic', providerId: 'Dr. Gone', operatoryId: 'op-1', start: '2025-06-12T15:00:00.000Z', end: '2025-06-12T16:00:00.000Z', status: 'cancelled' },
    ]);
  });
});

describe('CrownDeskSchedulingBackend.book', () => {
  const slot: Slot = {
    typeCode: 'cleaning',
    providerId: 'prov-park',
    operatoryId: 'op-2',
    start: '2025-06-05T14:00:00.000Z',
    end: '2025-06-05T15:00:00.000Z',
  };
  const request = { patientId: 'pat-1', slot, idempotencyKey: 'call-1:book:7' };
  const expectedBody = {
    patientId: 'pat-1',
    startTime: '2025-06-05T14:00:00.000Z',
    endTime: '2025-06-05T15:00:00.000Z',
    appointmentType: 'hygiene',
    provider: 'Sam Park',
    status: 'scheduled',
    notes: 'Booked by phone with the CrownDesk Voice receptionist (ref call-1:book:7).',
  };
  const created = appointmentRow({ id: 'apt-new', startTime: slot.start, endTime: slot.end, notes: expectedBody.notes });
  const booked = {
    status: 'booked',
    appointment: {
      id: 'apt-new',
      practiceId: 'practice-maple',
      patientId: 'pat-1',
      typeCode: 'cleaning',
      providerId: 'prov-park',
      operatoryId: 'op-2',
      start: slot.start,
      end: slot.end,
      status: 'scheduled',
    },
  };

  it('creates the appointment with the idempotency key and maps the answer', async () => {
    backend.on('POST', APPOINTMENTS, () => json(created, 201));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.book(maple, request)).resolves.toEqual(booked);

    expect(backend.seen).toEqual([
      {
        method: 'POST',
        path: APPOINTMENTS,
        headers: {
          authorization: 'Bearer crowndesk_test_maplekey',
          'x-tenant-id': 'tenant-maple',
          'idempotency-key': 'call-1:book:7',
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: expectedBody,
      },
    ]);
  });

  it('answers slot_taken when the time went to someone else', async () => {
    backend.on('POST', APPOINTMENTS, () =>
      json({ message: 'Time slot already booked for this provider', conflictingAppointment: { id: 'apt-other', patientName: 'Jane Roe' } }, 409),
    );
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([])));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.book(maple, request)).resolves.toEqual({ status: 'slot_taken' });

    expect(backend.seen.map((seen) => [seen.path, seen.body])).toEqual([
      [APPOINTMENTS, expectedBody],
      [PATIENT_APPOINTMENTS, { patientId: 'pat-1' }],
    ]);
  });

  it('recognises its own booking when a retried create meets it as a conflict', async () => {
    // Attempt 1 lands but its answer is lost; attempt 2 (same key) clashes with it.
    backend.on('POST', APPOINTMENTS, (_seen, call) =>
      call === 1 ? nestError(504, 'Gateway Timeout', 'Gateway Timeout') : json({ message: 'Time slot already booked for this provider', conflictingAppointment: { id: 'apt-new' } }, 409),
    );
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([created])));
    const { backend: scheduling, logger } = testScheduling();

    await expect(scheduling.book(maple, request)).resolves.toEqual(booked);

    expect(backend.to('POST', APPOINTMENTS).map((seen) => [seen.headers['idempotency-key'], seen.body])).toEqual([
      ['call-1:book:7', expectedBody],
      ['call-1:book:7', expectedBody],
    ]);
    expect(logger.at('info').at(-1)?.fields).toEqual({ practiceId: 'practice-maple', appointmentId: 'apt-new' });
  });

  it('does not mistake another live appointment of the patient for the booking', async () => {
    backend.on('POST', APPOINTMENTS, () => json({ message: 'Time slot already booked for this provider' }, 409));
    backend.on('POST', PATIENT_APPOINTMENTS, () =>
      json(
        appointmentPage([
          { ...created, id: 'apt-cancelled', status: 'cancelled' },
          { ...created, id: 'apt-other-provider', provider: 'Ana Ruiz' },
          { ...created, id: 'apt-longer', endTime: '2025-06-05T15:30:00.000Z' },
        ]),
      ),
    );
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.book(maple, request)).resolves.toEqual({ status: 'slot_taken' });
  });

  it('throws BackendUnavailableError when CrownDesk stays down, so the caller may queue the booking', async () => {
    backend.on('POST', APPOINTMENTS, () => nestError(503, 'Service Unavailable', 'Service Unavailable'));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.book(maple, request)).rejects.toBeInstanceOf(BackendUnavailableError);
    expect(backend.to('POST', APPOINTMENTS).map((seen) => seen.headers['idempotency-key'])).toEqual(['call-1:book:7', 'call-1:book:7']);
  });

  it('rethrows other rejections (e.g. an unknown patient)', async () => {
    backend.on('POST', APPOINTMENTS, () => nestError(404, 'Patient pat-1 not found', 'Not Found'));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.book(maple, request)).rejects.toBeInstanceOf(BackendRejectedError);
    expect(backend.seen).toHaveLength(1);
  });

  it('maps type codes through the configured table, and refuses a code CrownDesk has no value for', async () => {
    backend.on('POST', APPOINTMENTS, () => json(created, 201));
    const { backend: scheduling } = testScheduling({ appointmentTypes: { cleaning: 'periodontal' } });

    await scheduling.book(maple, request);
    await expect(scheduling.book(maple, { ...request, slot: { ...slot, typeCode: 'whitening' } })).rejects.toThrow(
      /No CrownDesk appointment type for code "whitening"/,
    );

    expect(backend.seen.map((seen) => (seen.body as { appointmentType: string }).appointmentType)).toEqual(['periodontal']);
  });
});
