import { describe, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { CrownDeskHealth } from '../src/index';
import { connectionRefused, fakeBackend, hang, json, nestError } from './support/backend';
import { testClient } from './support/client';

const backend = fakeBackend();
const HEALTH = '/api/health';

function health(timeoutMs = 2_500) {
  return new CrownDeskHealth(testClient({ timeoutMs }).client);
}

describe('CrownDeskHealth', () => {
  it('is up when GET /api/health answers ok, and sends no credentials', async () => {
    backend.on('GET', HEALTH, () =>
      json({ status: 'ok', timestamp: '2025-06-02T18:00:00.000Z', service: 'crowndesk-backend', version: '1.0.0' }),
    );

    await expect(health().check()).resolves.toEqual({ status: 'up', durationMs: expect.any(Number) });
    expect(backend.seen).toEqual([
      {
        method: 'GET',
        path: HEALTH,
        headers: { authorization: null, 'x-tenant-id': null, 'idempotency-key': null, 'content-type': null, accept: 'application/json' },
        body: undefined,
      },
    ]);
  });

  it('is down on a 5xx, after a single attempt', async () => {
    backend.on('GET', HEALTH, () => nestError(503, 'Service Unavailable', 'Service Unavailable'));

    await expect(health().check()).resolves.toEqual({ status: 'down', reason: 'server_error', httpStatus: 503, durationMs: expect.any(Number) });
    expect(backend.seen).toHaveLength(1);
  });

  it('is down on a timeout or a refused connection', async () => {
    backend.on('GET', HEALTH, (_seen, call, request) => (call === 1 ? hang(request) : connectionRefused()));

    await expect(health(30).check()).resolves.toMatchObject({ status: 'down', reason: 'timeout' });
    await expect(health().check()).resolves.toMatchObject({ status: 'down', reason: 'connection' });
  });

  it('is down when something else answers (not JSON, or not ok)', async () => {
    backend.on('GET', HEALTH, (_seen, call) =>
      call === 1 ? new HttpResponse('<html>maintenance</html>', { status: 200 }) : json({ status: 'degraded' }),
    );

    await expect(health().check()).resolves.toMatchObject({ status: 'down', reason: 'unexpected_response', httpStatus: 200 });
    await expect(health().check()).resolves.toMatchObject({ status: 'down', reason: 'unexpected_response', httpStatus: 200 });
  });

  it('is down, as rejected, on a 4xx (e.g. a wrong API prefix)', async () => {
    backend.on('GET', HEALTH, () => nestError(404, 'Cannot GET /api/health', 'Not Found'));

    await expect(health().check()).resolves.toMatchObject({ status: 'down', reason: 'rejected', httpStatus: 404 });
  });
});
