import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockThirdPartyHttp, requestAborted } from '../src';

const { server, requests } = mockThirdPartyHttp();
const VENDOR = 'https://api.vendor.test/v1/things';

describe('mockThirdPartyHttp', () => {
  it('answers with the handlers a test adds and records every request that left the client', async () => {
    server.use(http.post(VENDOR, () => HttpResponse.json({ id: 'thing-1' }, { status: 201 })));

    const response = await fetch(VENDOR, { method: 'POST', body: '{}' });

    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'thing-1' });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([`POST ${VENDOR}`]);
  });

  it('starts each test with no handlers and an empty record', async () => {
    expect(requests).toEqual([]);
    await expect(fetch(VENDOR)).rejects.toThrow();
    expect(requests).toHaveLength(1);
  });

  it('tells when the client gave up on a request', async () => {
    server.use(http.get(VENDOR, () => new Promise<Response>(() => {})));
    const controller = new AbortController();
    const pending = fetch(VENDOR, { signal: controller.signal }).catch(() => 'aborted');
    await expect.poll(() => requests.length).toBe(1);

    controller.abort();
    await requestAborted(requests[0]);
    expect(await pending).toBe('aborted');
    expect(() => requestAborted(undefined)).toThrow('no request was sent');
  });
});
