import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpResponse } from 'msw';
import { RecordingLogger } from '@crowndesk/testing';
import {
  BackendProtocolError,
  BackendRejectedError,
  BackendUnavailableError,
  CrownDeskClient,
} from '../src/index';
import { fullJitterDelay } from '../src/client/backoff';
import { connectionRefused, fakeBackend, hang, json, nestError } from './support/backend';
import { testClient } from './support/client';
import { credentialsFor, maple, oak } from './support/practice';

const backend = fakeBackend();

/** GET /api/ai-agent/datetime: the backend's one GET route for the agent, `{success, data}` envelope. */
const datetimeBody = { success: true, data: { datetime: '2025-06-02T14:00:00.000Z', date: '2025-06-02' } };
const datetimeSchema = z.object({ success: z.literal(true), data: z.object({ date: z.string() }) });
const readDatetime = (client: CrownDeskClient, extra: { signal?: AbortSignal } = {}) =>
  client.request({
    intent: 'read',
    practice: maple,
    method: 'GET',
    path: '/ai-agent/datetime',
    response: datetimeSchema,
    ...extra,
  });

const PATIENTS = '/api/ai-agent/patients';
const newPatient = { firstName: 'Maria', lastName: 'Lopez', dateOfBirth: '1985-03-02', phone: '+15551230001' };
const patientRow = { id: 'pat-1', firstName: 'Maria', lastName: 'Lopez', dob: '1985-03-02T00:00:00.000Z' };
const createPatient = (client: CrownDeskClient, idempotencyKey = 'key-register-1') =>
  client.request({
    intent: 'write',
    idempotencyKey,
    practice: maple,
    method: 'POST',
    path: '/ai-agent/patients',
    body: newPatient,
    response: z.object({ id: z.string() }),
  });

describe('CrownDeskClient requests', () => {
  it('sends a read with the practice service credentials and no idempotency key', async () => {
    backend.on('GET', '/api/ai-agent/datetime', () => json(datetimeBody));
    const { client } = testClient();

    await expect(readDatetime(client)).resolves.toEqual({ success: true, data: { date: '2025-06-02' } });

    expect(backend.seen).toEqual([
      {
        method: 'GET',
        path: '/api/ai-agent/datetime',
        headers: {
          authorization: 'Bearer crowndesk_test_maplekey',
          'x-tenant-id': 'tenant-maple',
          'idempotency-key': null,
          'content-type': null,
          accept: 'application/json',
        },
        body: undefined,
      },
    ]);
  });

  it('sends each practice its own key and tenant', async () => {
    backend.on('GET', '/api/ai-agent/datetime', () => json(datetimeBody));
    const { client } = testClient();

    await readDatetime(client);
    await client.request({ intent: 'read', practice: oak, method: 'GET', path: '/ai-agent/datetime', response: datetimeSchema });

    expect(backend.seen.map((seen) => [seen.headers.authorization, seen.headers['x-tenant-id']])).toEqual([
      ['Bearer crowndesk_test_maplekey', 'tenant-maple'],
      ['Bearer crowndesk_test_oakkey', 'tenant-oak'],
    ]);
  });

  it('puts the configured prefix after the base URL (the versioned main.ts serves /api/v1)', async () => {
    backend.on('GET', '/api/v1/ai-agent/datetime', () => json(datetimeBody));
    const { client } = testClient({ baseUrl: 'https://crowndesk.test/', apiPrefix: '/api/v1' });

    await readDatetime(client);

    expect(backend.seen.map((seen) => seen.path)).toEqual(['/api/v1/ai-agent/datetime']);
  });

  it('sends a write as JSON with its idempotency key', async () => {
    backend.on('POST', PATIENTS, () => json(patientRow, 201));
    const { client } = testClient();

    await expect(createPatient(client)).resolves.toEqual({ id: 'pat-1' });

    expect(backend.seen).toEqual([
      {
        method: 'POST',
        path: PATIENTS,
        headers: {
          authorization: 'Bearer crowndesk_test_maplekey',
          'x-tenant-id': 'tenant-maple',
          'idempotency-key': 'key-register-1',
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: newPatient,
      },
    ]);
  });

  it('refuses a write without an idempotency key before sending anything', async () => {
    const { client } = testClient();

    await expect(createPatient(client, '  ')).rejects.toThrow(/non-empty idempotency key/);
    expect(backend.seen).toEqual([]);
  });

  it('sends no credentials to a public route', async () => {
    backend.on('GET', '/api/health', () => json({ status: 'ok' }));
    const { client } = testClient();

    await client.request({ intent: 'read', practice: null, method: 'GET', path: '/health', response: z.unknown() });

    expect(backend.seen[0]?.headers.authorization).toBeNull();
    expect(backend.seen[0]?.headers['x-tenant-id']).toBeNull();
  });

  it('rejects invalid options', () => {
    expect(() => new CrownDeskClient({ baseUrl: 'not a url', credentialsFor, logger: new RecordingLogger() })).toThrow(
      /Invalid CrownDeskClient options/,
    );
    expect(
      () => new CrownDeskClient({ baseUrl: 'https://x.test', apiPrefix: 'api', credentialsFor, logger: new RecordingLogger() }),
    ).toThrow(/apiPrefix/);
  });
});

describe('CrownDeskClient retries', () => {
  it('retries a read after a 5xx and returns the later answer', async () => {
    backend.on('GET', '/api/ai-agent/datetime', (_seen, call) =>
      call === 1 ? nestError(502, 'Bad Gateway', 'Bad Gateway') : json(datetimeBody),
    );
    const { client, sleeps } = testClient();

    await expect(readDatetime(client)).resolves.toMatchObject({ success: true });

    expect(backend.seen).toHaveLength(2);
    expect(sleeps).toEqual([50]); // full jitter: random 0.5 * base 100
  });

  it('gives up after maxAttempts with BackendUnavailableError(server_error)', async () => {
    backend.on('GET', '/api/ai-agent/datetime', () => nestError(503, 'Service Unavailable', 'Service Unavailable'));
    const { client } = testClient();

    const error = await readDatetime(client).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(error).toMatchObject({ reason: 'server_error', status: 503, attempts: 2, method: 'GET', path: '/api/ai-agent/datetime' });
    expect(backend.seen).toHaveLength(2);
  });

  it('backs off exponentially with full jitter, capped', async () => {
    backend.on('GET', '/api/ai-agent/datetime', () => nestError(500, 'Internal server error', 'Internal Server Error'));
    const draws = [0.25, 0.5, 0.999];
    const { client, sleeps } = testClient({ maxAttempts: 4, backoffBaseMs: 100, backoffMaxMs: 300, random: () => draws.shift() ?? 0 });

    await expect(readDatetime(client)).rejects.toBeInstanceOf(BackendUnavailableError);

    // ceilings 100, 200, min(300, 400): waits are a uniform draw below each.
    expect(sleeps).toEqual([25, 100, 299]);
    expect(backend.seen).toHaveLength(4);
  });

  it('computes full-jitter delays from retry number, base and cap', () => {
    expect(fullJitterDelay(1, 100, 1000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, 100, 1000, () => 0.5)).toBe(200);
    expect(fullJitterDelay(6, 100, 1000, () => 0.5)).toBe(500);
    expect(fullJitterDelay(2, 100, 1000, () => 0)).toBe(0);
  });

  it('sends the same idempotency key and body on every attempt of one write', async () => {
    backend.on('POST', PATIENTS, (_seen, call) =>
      call === 1 ? nestError(503, 'Service Unavailable', 'Service Unavailable') : json(patientRow, 201),
    );
    const { client } = testClient();

    await expect(createPatient(client, 'key-register-7')).resolves.toEqual({ id: 'pat-1' });

    expect(backend.to('POST', PATIENTS).map((seen) => [seen.headers['idempotency-key'], seen.body])).toEqual([
      ['key-register-7', newPatient],
      ['key-register-7', newPatient],
    ]);
  });

  it('times out an attempt that never answers, and retries it', async () => {
    backend.on('GET', '/api/ai-agent/datetime', (_seen, _call, request) => hang(request));
    const { client } = testClient({ timeoutMs: 30 });

    const error = await readDatetime(client).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', status: undefined, attempts: 2 });
    expect(backend.seen).toHaveLength(2);
  });

  it('reports a refused connection as BackendUnavailableError(connection) after retrying', async () => {
    backend.on('POST', PATIENTS, () => connectionRefused());
    const { client } = testClient({ maxAttempts: 3 });

    const error = await createPatient(client).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'BackendUnavailableError', reason: 'connection', attempts: 3 });
    expect(backend.seen.map((seen) => seen.headers['idempotency-key'])).toEqual(['key-register-1', 'key-register-1', 'key-register-1']);
  });

  it("stops at once, without retrying, when the caller's signal aborts", async () => {
    backend.on('GET', '/api/ai-agent/datetime', (_seen, _call, request) => hang(request));
    const { client, sleeps } = testClient({ timeoutMs: 5_000 });
    const turn = new AbortController();

    const pending = readDatetime(client, { signal: turn.signal }).catch((caught: unknown) => caught);
    setTimeout(() => turn.abort(new Error('turn superseded')), 20);
    const error = await pending;

    expect(error).toEqual(new Error('turn superseded'));
    expect(backend.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('CrownDeskClient rejections', () => {
  it.each([
    [400, 'validation', 'Search query must be at least 2 characters', 'Bad Request'],
    [401, 'auth', 'Invalid API key', 'Unauthorized'],
    [403, 'auth', 'Forbidden resource', 'Forbidden'],
    [404, 'not_found', 'Appointment apt-9 not found', 'Not Found'],
    [409, 'conflict', 'Time slot already booked for this provider', 'Conflict'],
  ] as const)('turns %i into BackendRejectedError(%s) without retrying', async (status, kind, message, error) => {
    backend.on('POST', PATIENTS, () => nestError(status, message, error));
    const { client } = testClient();

    const caught = await createPatient(client).catch((thrown: unknown) => thrown);

    expect(caught).toBeInstanceOf(BackendRejectedError);
    expect(caught).toMatchObject({ status, kind, backendMessage: message, method: 'POST', path: PATIENTS });
    // The backend's reason may quote patient data: it is kept apart from the error message.
    expect((caught as Error).message).toBe(`CrownDesk rejected POST ${PATIENTS}: ${status} (${kind})`);
    expect(backend.seen).toHaveLength(1);
  });

  it('logs refused credentials loudly, without the key', async () => {
    backend.on('POST', PATIENTS, () => nestError(401, 'Invalid API key', 'Unauthorized'));
    const { client, logger } = testClient();

    await createPatient(client).catch(() => undefined);

    expect(logger.at('error')).toEqual([
      {
        level: 'error',
        fields: { practiceId: 'practice-maple', method: 'POST', path: PATIENTS, attempt: 1, status: 401, durationMs: expect.any(Number) },
        message: 'CrownDesk refused our service credentials: check the practice API key and tenant id',
      },
    ]);
    expect(logger.dump()).not.toContain('maplekey');
  });

  it('keeps the id of the appointment a 409 names, and nothing else of it', async () => {
    backend.on('POST', PATIENTS, () =>
      json(
        {
          message: 'Time slot already booked for this provider',
          conflictingAppointment: { id: 'apt-42', patientName: 'Jane Roe', startTime: '2025-06-02T14:00:00.000Z' },
        },
        409,
      ),
    );
    const { client } = testClient();

    const caught = (await createPatient(client).catch((thrown: unknown) => thrown)) as BackendRejectedError;

    expect(caught.conflictingAppointmentId).toBe('apt-42');
    expect(JSON.stringify(caught)).not.toContain('Jane Roe');
  });
});

describe('CrownDeskClient malformed answers', () => {
  it('turns a 2xx body that is not JSON into BackendProtocolError, without retrying', async () => {
    backend.on('GET', '/api/ai-agent/datetime', () => new HttpResponse('{"success": tru', { status: 200 }));
    const { client } = testClient();

    const caught = await readDatetime(client).catch((thrown: unknown) => thrown);

    expect(caught).toBeInstanceOf(BackendProtocolError);
    expect(caught).toMatchObject({ problem: 'malformed_json', status: 200 });
    expect(backend.seen).toHaveLength(1);
  });

  it('turns a 2xx body of the wrong shape into BackendProtocolError naming paths, not values', async () => {
    backend.on('GET', '/api/ai-agent/datetime', () => json({ success: true, data: { date: 'Maria Lopez'.length } }));
    const { client } = testClient();

    const caught = (await readDatetime(client).catch((thrown: unknown) => thrown)) as BackendProtocolError;

    expect(caught).toBeInstanceOf(BackendProtocolError);
    expect(caught.problem).toBe('unexpected_shape');
    expect(caught.message).toContain('data.date');
    expect(caught.message).not.toContain('11');
  });
});

describe('CrownDeskClient logging', () => {
  it('logs method, path, status, duration and attempt, never a body or a credential', async () => {
    backend.on('POST', PATIENTS, (_seen, call) =>
      call === 1 ? nestError(500, 'Internal server error', 'Internal Server Error') : json(patientRow, 201),
    );
    const { client, logger } = testClient();

    await createPatient(client);

    expect(logger.entries.map((entry) => [entry.level, entry.fields])).toEqual([
      ['warn', { practiceId: 'practice-maple', method: 'POST', path: PATIENTS, attempt: 1, status: 500, durationMs: expect.any(Number) }],
      ['debug', { practiceId: 'practice-maple', method: 'POST', path: PATIENTS, attempt: 2, status: 201, durationMs: expect.any(Number) }],
    ]);
    for (const secretOrPhi of ['Maria', 'Lopez', '1985-03-02', '+15551230001', 'maplekey']) {
      expect(logger.dump()).not.toContain(secretOrPhi);
    }
  });
});
