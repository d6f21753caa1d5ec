import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../net/loopback';

/** One effect the backend applied: the first accepted request of an idempotency key. */
export interface BackendEffect {
  key: string;
  path: string;
  body: unknown;
}

export type BackendMode = 'up' | 'down' | 'refusing';

/**
 * A stand-in for the practice's backend on 127.0.0.1: a real HTTP server that honours Idempotency-Key the
 * way a good backend does (the first request of a key takes effect; a replay gets the stored answer and
 * changes nothing), counts every attempt per key, and can be taken down (503), made to refuse connections,
 * to refuse a key with a 4xx, to lose its answer after applying an effect, or to answer slowly.
 */
export class OutboxTestBackend {
  readonly effects: BackendEffect[] = [];
  readonly attempts = new Map<string, number>();
  /** Keys answered with this 4xx status (no effect). */
  readonly refusals = new Map<string, number>();
  /** Keys whose next accepted request takes effect, then loses its answer (connection reset). */
  readonly loseAnswer = new Set<string>();
  /** Delay before answering an accepted request (after its effect is applied). */
  answerDelayMs = 0;
  private mode: BackendMode = 'up';
  private readonly answers = new Map<string, { status: number; body: string }>();

  private constructor(
    private server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<OutboxTestBackend> {
    const server = createServer();
    const port = await listenOnLoopback(server);
    const backend = new OutboxTestBackend(server, port);
    server.on('request', (request, response) => void backend.handle(request, response));
    return backend;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Each key's number of effects: a backend that honours keys shows 1 for every key it accepted. */
  effectsPerKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const effect of this.effects) counts.set(effect.key, (counts.get(effect.key) ?? 0) + 1);
    return counts;
  }

  async setMode(mode: BackendMode): Promise<void> {
    if (mode === this.mode) return;
    if (mode === 'refusing') {
      // Stop listening and drop kept-alive connections too: every new attempt meets ECONNREFUSED.
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeAllConnections();
      await closed;
    } else if (this.mode === 'refusing') {
      const server = createServer();
      server.on('request', (request, response) => void this.handle(request, response));
      await listenOnLoopback(server, this.port);
      this.server = server;
    }
    this.mode = mode;
  }

  async close(): Promise<void> {
    if (this.mode === 'refusing') return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key === '') return answer(response, 400, { message: 'Idempotency-Key required' });
    this.attempts.set(key, (this.attempts.get(key) ?? 0) + 1);
    if (this.mode === 'down') return answer(response, 503, { message: 'Service Unavailable' });

    const replay = this.answers.get(key);
    if (replay) return answer(response, replay.status, JSON.parse(replay.body));
    const refusal = this.refusals.get(key);
    if (refusal !== undefined) return answer(response, refusal, { message: 'refused' });

    const effect = { key, path: request.url ?? '', body: JSON.parse(text) as unknown };
    this.effects.push(effect);
    const body = { id: `effect-${this.effects.length}` };
    this.answers.set(key, { status: 201, body: JSON.stringify(body) });
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    if (this.loseAnswer.delete(key)) {
      request.socket.destroy();
      return;
    }
    answer(response, 201, body);
  }
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}
