import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../src/http/app';
import { Readiness } from '../src/http/readiness';
import { gatewayPerSuite } from './support/gateway-lifecycle';

type Logged = { fields: Record<string, unknown>; message: string };

/** The HTTP app alone on a loopback port for the suite, with `readiness`; what it logs at warn and error is kept. */
function appPerSuite(readiness: () => Readiness): { readonly base: string; logged: Logged[] } {
  const logged: Logged[] = [];
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields: Record<string, unknown>, message: string) => logged.push({ fields, message }),
    error: (fields: Record<string, unknown>, message: string) => logged.push({ fields, message }),
  };
  let server: Server | undefined;
  let base = '';
  beforeAll(async () => {
    const listening = createServer(createHttpApp({ readiness: readiness(), logger }));
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return {
    get base() {
      return base;
    },
    logged,
  };
}

describe('HTTP endpoints', () => {
  const gateway = gatewayPerSuite();

  it('GET /health answers 200 ok (liveness)', async () => {
    const response = await fetch(gateway.http('/health'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('GET /health/ready probes the embedded database', async () => {
    const response = await fetch(gateway.http('/health/ready'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('answers HEAD on GET routes without a body', async () => {
    const response = await fetch(gateway.http('/health'), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await fetch(gateway.http('/no/such/thing'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: 'not_found', message: 'No such endpoint' });
  });

  it.each(['POST', 'PUT', 'DELETE'])('answers %s on a known route with a JSON 405 and an Allow header', async (method) => {
    const response = await fetch(gateway.http('/health/ready'), { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.json()).toMatchObject({ error: 'method_not_allowed' });
  });

  it('refuses API bodies over the size limit with a JSON 413', async () => {
    const response = await fetch(gateway.http('/api/no-such-endpoint'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(300 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'payload_too_large', message: 'Request body is too large' });
  });

  it('refuses malformed JSON with a JSON 400 and no stack trace', async () => {
    const response = await fetch(gateway.http('/api/no-such-endpoint'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event": ',
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: 'malformed_body', message: 'Request body could not be parsed' });
    expect(body).not.toMatch(/at .*\.(ts|js)/);
  });
});

describe('readiness with a failing dependency', () => {
  const app = appPerSuite(() =>
    new Readiness([
      { name: 'database', probe: () => undefined },
      {
        name: 'backend',
        probe: async () => {
          throw new Error('connect ECONNREFUSED 10.0.0.7:5432');
        },
      },
    ]),
  );
  const logged = app.logged;

  it('answers 503 naming the failing check, and logs the cause instead of returning it', async () => {
    const response = await fetch(`${app.base}/health/ready`);
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ status: 'not_ready', checks: { database: 'ok', backend: 'failing' } });
    expect(body).not.toContain('ECONNREFUSED');
    expect(logged).toEqual([{ fields: { check: 'backend', error: expect.any(Error) }, message: 'readiness check failing' }]);
  });

  it('keeps liveness at 200: the process itself is fine', async () => {
    expect((await fetch(`${app.base}/health`)).status).toBe(200);
  });
});

describe('readiness details (reported, never failing)', () => {
  const app = appPerSuite(() =>
    new Readiness(
      [{ name: 'database', probe: () => undefined }],
      [
        { name: 'outbox', read: async () => ({ count: 2, oldestAgeMs: 1500, rejected: 0 }) },
        {
          name: 'backend',
          read: async () => {
            throw new Error('connect ECONNREFUSED 10.0.0.9:443');
          },
        },
      ],
    ),
  );
  const logged = app.logged;

  it('answers 200 with each detail, an unreadable one as unknown, and logs why', async () => {
    const response = await fetch(`${app.base}/health/ready`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      status: 'ready',
      checks: { database: 'ok' },
      outbox: { count: 2, oldestAgeMs: 1500, rejected: 0 },
      backend: { status: 'unknown' },
    });
    expect(body).not.toContain('ECONNREFUSED');
    expect(logged).toEqual([{ fields: { detail: 'backend', error: expect.any(Error) }, message: 'readiness detail could not be read' }]);
  });

  it('refuses a detail that would overwrite the status or the checks', () => {
    expect(() => new Readiness([], [{ name: 'status', read: () => 'ok' }])).toThrow('cannot be named "status"');
  });
});
