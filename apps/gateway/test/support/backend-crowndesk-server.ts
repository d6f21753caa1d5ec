import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CrownDeskState, type Answer } from './backend-crowndesk-state';

export const TEST_API_KEY = 'crowndesk_test_0123456789abcdef0123456789abcdef0123456789abcdef';
export const TEST_TENANT_ID = '7f4c1c2e-5a0b-4a43-9d8e-2b7f3c1d9e10';

/** One request as the backend received it. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: { authorization?: string; 'x-tenant-id'?: string; 'idempotency-key'?: string; 'content-type'?: string };
  body: unknown;
  /** What it was answered (0: the connection was cut). */
  status: number;
}

/** The first accepted request of an idempotency key: the write that took effect. */
export interface BackendEffect {
  key: string;
  method: string;
  path: string;
  body: unknown;
}

/** `up`; `unavailable`: every request answered 503; `refusing`: nothing listens (ECONNREFUSED). */
export type BackendState = 'up' | 'unavailable' | 'refusing';

export interface CrownDeskTestBackendOptions {
  /** Replay a key's stored answer instead of executing it again (CrownDesk itself ignores the header). Default true. */
  honourIdempotencyKeys?: boolean;
  apiPrefix?: string;
}

/**
 * A CrownDesk backend on 127.0.0.1 for the gateway's tests: a real HTTP server with the routes the adapter calls
 * (slots, patients search and create, appointments create, list and status, calls/record, health), service
 * authentication (Bearer key + x-tenant-id), a record of every request, Idempotency-Key honoured the way a good
 * backend does it (the first request of a key takes effect; a replay gets the stored answer), and outages on
 * demand: 503 for everything, refused connections, or going down when a given request arrives.
 */
export class CrownDeskTestBackend {
  readonly state = new CrownDeskState(TEST_TENANT_ID);
  readonly requests: SeenRequest[] = [];
  readonly effects: BackendEffect[] = [];
  /** Delay before answering each request (after its effect is applied). */
  answerDelayMs = 0;
  private mode: BackendState = 'up';
  private downWhen: ((method: string, path: string) => boolean) | undefined;
  private readonly answers = new Map<string, Answer>();
  private readonly honourKeys: boolean;
  private readonly prefix: string;

  private constructor(
    private server: Server,
    readonly port: number,
    options: CrownDeskTestBackendOptions,
  ) {
    this.honourKeys = options.honourIdempotencyKeys ?? true;
    this.prefix = options.apiPrefix ?? '/api';
  }

  static async start(options: CrownDeskTestBackendOptions = {}): Promise<CrownDeskTestBackend> {
    const server = createServer();
    await listen(server, 0);
    const backend = new CrownDeskTestBackend(server, (server.address() as AddressInfo).port, options);
    backend.serve(server);
    return backend;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get currentState(): BackendState {
    return this.mode;
  }

  async setState(next: BackendState): Promise<void> {
    this.downWhen = undefined;
    if (next === this.mode) return;
    if (next === 'refusing') {
      await this.stopListening();
    } else if (this.mode === 'refusing') {
      const server = createServer();
      await listen(server, this.port);
      this.serve(server);
      this.server = server;
    }
    this.mode = next;
  }

  /** Goes `unavailable` when a request for which `trigger` holds arrives: that request and all after get 503. */
  goDownAt(trigger: (method: string, path: string) => boolean): void {
    this.downWhen = trigger;
  }

  /** Requests to one route (path without the API prefix), in order. */
  to(method: string, path: string): SeenRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === `${this.prefix}${path}`);
  }

  /** Effects per idempotency key: a backend that got every write once shows 1 for each. */
  effectsPerKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const effect of this.effects) counts.set(effect.key, (counts.get(effect.key) ?? 0) + 1);
    return counts;
  }

  /** Requests received per idempotency key (attempts, replays included). */
  attemptsPerKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const request of this.requests) {
      const key = request.headers['idempotency-key'];
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  async close(): Promise<void> {
    if (this.mode !== 'refusing') await this.stopListening();
  }

  private serve(server: Server): void {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this.handle(request, response).catch((error: unknown) => {
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  private async stopListening(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Kept-alive connections too: every new attempt meets ECONNREFUSED.
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', this.url).pathname;
    const seen: SeenRequest = { method, path, headers: headersOf(request), body: text === '' ? undefined : (JSON.parse(text) as unknown), status: 0 };
    this.requests.push(seen);
    if (this.downWhen?.(method, path.slice(this.prefix.length))) {
      this.downWhen = undefined;
      this.mode = 'unavailable';
    }
    const answer = this.answer(seen, path);
    seen.status = answer.status;
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
  }

  private answer(seen: SeenRequest, path: string): Answer {
    if (this.mode === 'unavailable') return { status: 503, body: { statusCode: 503, message: 'Service Unavailable' } };
    if (!path.startsWith(`${this.prefix}/`)) return { status: 404, body: { statusCode: 404, message: 'Not Found' } };
    const route = path.slice(this.prefix.length);
    if (seen.method === 'GET' && route === '/health') {
      return { status: 200, body: { status: 'ok', timestamp: new Date().toISOString(), service: 'crowndesk-backend', version: 'test' } };
    }
    if (seen.headers.authorization !== `Bearer ${TEST_API_KEY}` || seen.headers['x-tenant-id'] !== TEST_TENANT_ID) {
      return { status: 401, body: { statusCode: 401, message: 'Invalid API key', error: 'Unauthorized' } };
    }
    const key = seen.method === 'GET' ? undefined : seen.headers['idempotency-key'];
    const replay = key && this.honourKeys ? this.answers.get(key) : undefined;
    if (replay) return replay;
    const answer = this.state.route(seen.method, route, (seen.body ?? {}) as Record<string, unknown>);
    // A stored answer is final: a 2xx (the effect) or a 4xx (a refusal); a 5xx may be retried.
    if (key && answer.status < 500) {
      this.answers.set(key, answer);
      if (answer.status < 300) this.effects.push({ key, method: seen.method, path: route, body: seen.body });
    }
    return answer;
  }
}

function headersOf(request: IncomingMessage): SeenRequest['headers'] {
  const headers: SeenRequest['headers'] = {};
  for (const name of ['authorization', 'x-tenant-id', 'idempotency-key', 'content-type'] as const) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
