import { http, HttpResponse } from 'msw';
import { afterEach } from 'vitest';
import { mockThirdPartyHttp, requestAborted } from '@crowndesk/testing';

export const BASE_URL = 'https://crowndesk.test';

/** One request as the backend saw it: the headers our contract is about, and the parsed JSON body. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: {
    authorization: string | null;
    'x-tenant-id': string | null;
    'idempotency-key': string | null;
    'content-type': string | null;
    accept: string | null;
  };
  body: unknown;
}

type Method = 'GET' | 'POST' | 'PATCH';
type Responder = (seen: SeenRequest, call: number, request: Request) => Response | Promise<Response>;

/**
 * An msw stand-in for the CrownDesk backend. Unhandled requests fail the test; every handled request is
 * recorded in order, so tests pin exactly what the adapter sent.
 */
export function fakeBackend() {
  const { server } = mockThirdPartyHttp();
  const seen: SeenRequest[] = [];
  afterEach(() => {
    seen.length = 0;
  });

  /** Answers `method path` (path includes /api) with `respond`, which learns how many times it was called. */
  function on(method: Method, path: string, respond: Responder): void {
    let calls = 0;
    const resolver = async ({ request }: { request: Request }) => {
      const text = await request.clone().text();
      const headers = request.headers;
      const entry: SeenRequest = {
        method: request.method,
        path: new URL(request.url).pathname,
        headers: {
          authorization: headers.get('authorization'),
          'x-tenant-id': headers.get('x-tenant-id'),
          'idempotency-key': headers.get('idempotency-key'),
          'content-type': headers.get('content-type'),
          accept: headers.get('accept'),
        },
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      seen.push(entry);
      calls += 1;
      return respond(entry, calls, request);
    };
    const url = BASE_URL + path;
    server.use(
      method === 'GET' ? http.get(url, resolver) : method === 'POST' ? http.post(url, resolver) : http.patch(url, resolver),
    );
  }

  /** The requests to one route, in order. */
  function to(method: Method, path: string): SeenRequest[] {
    return seen.filter((entry) => entry.method === method && entry.path === path);
  }

  return { server, seen, on, to };
}

export const json = (body: unknown, status = 200) => HttpResponse.json(body as never, { status });

/** NestJS's error body for an HttpException with a string message. */
export const nestError = (status: number, message: string, error: string) =>
  HttpResponse.json({ statusCode: status, message, error }, { status });

/** A response that never comes: resolves only when the client gives up (its signal aborts). */
export async function hang(request: Request): Promise<Response> {
  await requestAborted(request);
  return HttpResponse.error();
}

export const connectionRefused = () => HttpResponse.error();
