import { describe, expect, it } from 'vitest';
import { BackendRejectedError } from '../src/index';
import { fakeBackend, json, nestError } from './support/backend';
import { maple } from './support/practice';
import { patientRow } from './support/rows';
import { testScheduling } from './support/scheduling';

const backend = fakeBackend();
const SEARCH = '/api/ai-agent/patients/search';
const PATIENTS = '/api/ai-agent/patients';

const mariaLopez = patientRow({ id: 'pat-1', firstName: 'Maria', lastName: 'Lopez', dob: '1985-03-02', phone: '+15551230001' });
const otherMaria = patientRow({ id: 'pat-2', firstName: 'Maria', lastName: 'Lopez', dob: '1990-11-20' });
const luisLopez = patientRow({ id: 'pat-3', firstName: 'Luis', lastName: 'Lopez', dob: '1985-03-02', phone: '(555) 123-0009' });

describe('CrownDeskSchedulingBackend.findPatients', () => {
  it('searches by surname and keeps the candidates born on that date', async () => {
    backend.on('POST', SEARCH, () => json([mariaLopez, otherMaria, luisLopez]));
    const { backend: scheduling } = testScheduling();

    const patients = await scheduling.findPatients(maple, { fullName: ' Maria  Lopez ', dateOfBirth: '1985-03-02' });

    expect(backend.seen).toEqual([
      {
        method: 'POST',
        path: SEARCH,
        headers: {
          authorization: 'Bearer crowndesk_test_maplekey',
          'x-tenant-id': 'tenant-maple',
          'idempotency-key': null,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: { q: 'Lopez' },
      },
    ]);
    expect(patients).toEqual([
      { id: 'pat-1', practiceId: 'practice-maple', firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1985-03-02', phone: '+15551230001' },
      // A phone that is not E.164 is left out rather than guessed at.
      { id: 'pat-3', practiceId: 'practice-maple', firstName: 'Luis', lastName: 'Lopez', dateOfBirth: '1985-03-02' },
    ]);
  });

  it('searches by the first name when no one with that surname has the birth date', async () => {
    backend.on('POST', SEARCH, (seen) =>
      (seen.body as { q: string }).q === 'Maria' ? json([mariaLopez]) : json([otherMaria]),
    );
    const { backend: scheduling } = testScheduling();

    // Said surname-first, or a surname the record spells differently.
    const patients = await scheduling.findPatients(maple, { fullName: 'Maria Lopes', dateOfBirth: '1985-03-02' });

    expect(backend.seen.map((seen) => seen.body)).toEqual([{ q: 'Lopes' }, { q: 'Maria' }]);
    expect(patients.map((patient) => patient.id)).toEqual(['pat-1']);
  });

  it('does not search by a title or a generational suffix', async () => {
    backend.on('POST', SEARCH, () => json([]));
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.findPatients(maple, { fullName: 'Dr. John Smith Jr.', dateOfBirth: '1970-01-01' })).resolves.toEqual([]);

    expect(backend.seen.map((seen) => seen.body)).toEqual([{ q: 'Smith' }, { q: 'John' }]);
  });

  it('does not call the backend for a name it cannot search (under 2 characters)', async () => {
    const { backend: scheduling } = testScheduling();

    await expect(scheduling.findPatients(maple, { fullName: 'J', dateOfBirth: '1970-01-01' })).resolves.toEqual([]);
    expect(backend.seen).toEqual([]);
  });
});

describe('CrownDeskSchedulingBackend.registerPatient', () => {
  const newPatient = { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1985-03-02', phone: '+15551230001' };

  it('creates the patient with the idempotency key', async () => {
    backend.on('POST', PATIENTS, () => json({ ...mariaLopez, pmsSource: 'manual', status: 'active' }, 201));
    const { backend: scheduling } = testScheduling();

    const patient = await scheduling.registerPatient(maple, newPatient, 'call-1:register');

    expect(backend.seen).toEqual([
      {
        method: 'POST',
        path: PATIENTS,
        headers: {
          authorization: 'Bearer crowndesk_test_maplekey',
          'x-tenant-id': 'tenant-maple',
          'idempotency-key': 'call-1:register',
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: newPatient,
      },
    ]);
    expect(patient).toEqual({ ...newPatient, id: 'pat-1', practiceId: 'practice-maple' });
  });

  it('omits an unknown phone from the body', async () => {
    backend.on('POST', PATIENTS, () => json(mariaLopez, 201));
    const { backend: scheduling } = testScheduling();

    await scheduling.registerPatient(maple, { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1985-03-02' }, 'k');

    expect(backend.seen[0]?.body).toEqual({ firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1985-03-02' });
  });

  it('answers a replay with the record the first attempt created (CrownDesk refuses the duplicate)', async () => {
    // Attempt 1 is created but its answer is lost (503); attempt 2 meets the backend's duplicate check.
    backend.on('POST', PATIENTS, (_seen, call) =>
      call === 1
        ? nestError(503, 'Service Unavailable', 'Service Unavailable')
        : nestError(400, 'Patient Maria Lopez with DOB 1985-03-02 already exists', 'Bad Request'),
    );
    backend.on('POST', SEARCH, () => json([otherMaria, mariaLopez]));
    const { backend: scheduling, logger } = testScheduling();

    const patient = await scheduling.registerPatient(maple, newPatient, 'call-1:register');

    expect(patient.id).toBe('pat-1');
    expect(backend.seen.map((seen) => [seen.path, seen.headers['idempotency-key'], seen.body])).toEqual([
      [PATIENTS, 'call-1:register', newPatient],
      [PATIENTS, 'call-1:register', newPatient],
      [SEARCH, null, { q: 'Lopez' }],
    ]);
    expect(logger.at('info').at(-1)?.fields).toEqual({ practiceId: 'practice-maple', patientId: 'pat-1' });
    expect(logger.dump()).not.toContain('Lopez');
  });

  it('rethrows any other rejection', async () => {
    backend.on('POST', PATIENTS, () => nestError(400, 'Date of birth must be in the past', 'Bad Request'));
    const { backend: scheduling } = testScheduling();

    const caught = await scheduling
      .registerPatient(maple, { ...newPatient, dateOfBirth: '2090-01-01' }, 'k')
      .catch((thrown: unknown) => thrown);

    expect(caught).toBeInstanceOf(BackendRejectedError);
    expect(caught).toMatchObject({ status: 400, kind: 'validation' });
    expect(backend.seen).toHaveLength(1);
  });
});
