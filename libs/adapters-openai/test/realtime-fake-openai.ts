import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { RecognitionEvent } from '@crowndesk/domain';
import { closeServer, listenOnLoopback } from '@crowndesk/testing';

/**
 * Test support for the realtime recognizer: a real WebSocket server on 127.0.0.1 that plays OpenAI's
 * realtime endpoint (it checks the upgrade, records what the client sends and emits scripted events).
 */

export const REALTIME_API_KEY = 'sk-realtime-test-0123456789';

export interface RecordedUpgrade {
  url: string;
  headers: IncomingHttpHeaders;
}

export type ClientMessage = { type: string } & Record<string, unknown>;

/** One client connection, seen from the server side. */
export class FakeClientConnection {
  readonly messages: ClientMessage[] = [];
  /** The close code the client sent (1005 when none), once the connection is gone. */
  readonly closed: Promise<number>;
  readonly #socket: WebSocket;
  readonly #waiters: Array<() => void> = [];

  constructor(socket: WebSocket) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      this.messages.push(message);
      // Like OpenAI: acknowledge the configuration before anything else.
      if (message.type === 'session.update') this.emit({ type: 'session.updated', event_id: 'evt_ack' });
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Resolves once the client has sent at least `count` messages. */
  async waitForMessages(count: number): Promise<ClientMessage[]> {
    while (this.messages.length < count) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return this.messages;
  }

  /** The bytes of every input_audio_buffer.append so far, decoded, in order. */
  appendedAudio(): Buffer[] {
    return this.messages
      .filter((message) => message.type === 'input_audio_buffer.append')
      .map((message) => Buffer.from(String(message['audio']), 'base64'));
  }

  emit(event: { type: string } & Record<string, unknown>): void {
    this.#socket.send(JSON.stringify(event));
  }

  sendRaw(data: string | Buffer): void {
    this.#socket.send(data);
  }

  close(code: number): void {
    this.#socket.close(code);
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.#socket.terminate();
  }
}

export class FakeRealtimeServer {
  readonly upgrades: RecordedUpgrade[] = [];
  readonly #server: WebSocketServer;
  readonly #connections: FakeClientConnection[] = [];
  readonly #connectionWaiters: Array<(connection: FakeClientConnection) => void> = [];
  #handshakeGate: Promise<void> = Promise.resolve();

  private constructor() {
    this.#server = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      verifyClient: ({ req }, accept) => this.#verifyUpgrade(req, accept),
    });
    this.#server.on('connection', (socket) => {
      const connection = new FakeClientConnection(socket);
      connection.emit({ type: 'session.created', event_id: 'evt_created' });
      const waiter = this.#connectionWaiters.shift();
      if (waiter) waiter(connection);
      else this.#connections.push(connection);
    });
  }

  static async start(): Promise<FakeRealtimeServer> {
    const fake = new FakeRealtimeServer();
    await new Promise<void>((resolve) => fake.#server.once('listening', resolve));
    return fake;
  }

  /** Like OpenAI: 404 off the transcription endpoint, 401 without the right bearer key. */
  #verifyUpgrade(request: IncomingMessage, accept: (result: boolean, status?: number) => void): void {
    this.upgrades.push({ url: request.url ?? '', headers: request.headers });
    const url = new URL(request.url ?? '/', 'ws://127.0.0.1');
    if (url.pathname !== '/v1/realtime' || url.searchParams.get('intent') !== 'transcription') {
      accept(false, 404);
    } else if (request.headers.authorization !== `Bearer ${REALTIME_API_KEY}`) {
      accept(false, 401);
    } else {
      void this.#handshakeGate.then(() => accept(true));
    }
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  get baseURL(): string {
    return `ws://127.0.0.1:${this.port}/v1`;
  }

  /** Upgrades wait until the returned function is called: the client stays in its connecting state. */
  holdHandshakes(): () => void {
    let release!: () => void;
    this.#handshakeGate = new Promise((resolve) => (release = resolve));
    return release;
  }

  nextConnection(): Promise<FakeClientConnection> {
    const ready = this.#connections.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.#connectionWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const client of this.#server.clients) client.terminate();
    await new Promise<void>((resolve, reject) => this.#server.close((error) => (error ? reject(error) : resolve())));
  }
}

/** A TCP server that accepts connections and never answers: a WebSocket handshake against it hangs. */
export async function startSilentTcpServer(): Promise<{ baseURL: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  return {
    baseURL: `ws://127.0.0.1:${port}/v1`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await closeServer(server);
    },
  };
}

/** Reads exactly `count` events, failing if the events end first. */
export async function take(events: AsyncIterable<RecognitionEvent>, count: number): Promise<RecognitionEvent[]> {
  const iterator = events[Symbol.asyncIterator]();
  const taken: RecognitionEvent[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`events ended after ${taken.length} of ${count}`);
    taken.push(next.value);
  }
  return taken;
}

/** Reads every event until the iterable ends. */
export async function drain(events: AsyncIterable<RecognitionEvent>): Promise<RecognitionEvent[]> {
  const all: RecognitionEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}
