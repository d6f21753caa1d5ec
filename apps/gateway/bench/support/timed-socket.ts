import { performance } from 'node:perf_hooks';
import WebSocket, { type RawData } from 'ws';

/**
 * The client code every measurement shares, for the gateway and for the echo baseline alike: a WebSocket
 * that stamps each frame the moment it arrives (before parsing it) and times one request against the
 * frames that answer it. Keeping one code path is what makes the ratio to the baseline honest.
 */

export interface AnswerMatcher<F> {
  /** The frame that counts as the first sign of an answer. */
  isFirst(frame: F): boolean;
  /** The frame that completes the answer. */
  isLast(frame: F): boolean;
}

export interface FrameHandling<F> {
  /** Turns a parsed JSON frame into a typed one; throws on a frame the caller cannot accept. */
  parse(raw: unknown): F;
  /** Sees every frame (keepalives, config), whether or not an exchange is open. */
  onFrame?(frame: F): void;
}

export interface Exchange<F> {
  /** Bytes of the request frame (UTF-8). */
  requestBytes: number;
  /** Milliseconds from just before `send` to the arrival of the first matching frame. */
  firstMs: number;
  /** Milliseconds from just before `send` to the arrival of the completing frame. */
  lastMs: number;
  /** Every frame that arrived while the exchange was open, parsed, in order. */
  frames: F[];
}

interface OpenExchange<F> {
  sentAt: number;
  requestBytes: number;
  firstAt: number | undefined;
  frames: F[];
  matcher: AnswerMatcher<F>;
  resolve(exchange: Exchange<F>): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class TimedSocket<F> {
  /** Milliseconds from dialling to the open WebSocket (TCP connect, HTTP upgrade, 101). */
  connectMs = Number.NaN;
  readonly #socket: WebSocket;
  readonly #handling: FrameHandling<F>;
  #open: OpenExchange<F> | undefined;
  #closed: Error | undefined;

  private constructor(socket: WebSocket, handling: FrameHandling<F>) {
    this.#socket = socket;
    this.#handling = handling;
    socket.on('message', (data, isBinary) => this.#arrived(performance.now(), data, isBinary));
    socket.on('close', (code) => this.#fail(new Error(`socket closed (code ${code})`)));
    socket.on('error', (error) => this.#fail(new Error(`socket error: ${error.message}`, { cause: error })));
  }

  static open<F>(url: string, handling: FrameHandling<F>): Promise<TimedSocket<F>> {
    return new Promise((resolve, reject) => {
      const dialledAt = performance.now();
      const socket = new WebSocket(url, { perMessageDeflate: false });
      // Listening before 'open': a server may send its first frame together with the handshake.
      const timed = new TimedSocket(socket, handling);
      socket.once('open', () => {
        timed.connectMs = performance.now() - dialledAt;
        resolve(timed);
      });
      socket.once('unexpected-response', (_request, response) => {
        socket.terminate();
        reject(new Error(`upgrade to ${url} refused: HTTP ${response.statusCode}`));
      });
      socket.once('error', (error) => reject(new Error(`could not connect to ${url}`, { cause: error })));
    });
  }

  /** Sends without timing (call setup, keepalives). */
  send(text: string): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(text);
  }

  /** Sends `text` and resolves once a frame matching `isLast` has arrived. One exchange at a time. */
  exchange(text: string, matcher: AnswerMatcher<F>, timeoutMs: number): Promise<Exchange<F>> {
    if (this.#closed) return Promise.reject(this.#closed);
    if (this.#open) return Promise.reject(new Error('an exchange is already open on this socket'));
    return new Promise<Exchange<F>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#open = undefined;
        reject(new Error(`no complete answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const requestBytes = Buffer.byteLength(text);
      this.#open = { sentAt: performance.now(), requestBytes, firstAt: undefined, frames: [], matcher, resolve, reject, timer };
      this.#socket.send(text);
    });
  }

  close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.close(1000, 'caller hung up');
    });
  }

  #arrived(at: number, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.#fail(new Error('the server sent a binary frame'));
      return;
    }
    const open = this.#open;
    try {
      const frame = this.#handling.parse(JSON.parse(data.toString()));
      this.#handling.onFrame?.(frame);
      if (!open) return;
      open.frames.push(frame);
      if (open.firstAt === undefined && open.matcher.isFirst(frame)) open.firstAt = at;
      if (!open.matcher.isLast(frame)) return;
    } catch (error) {
      this.#fail(new Error('the server sent a frame the client cannot accept', { cause: error }));
      return;
    }
    clearTimeout(open.timer);
    this.#open = undefined;
    open.resolve({
      requestBytes: open.requestBytes,
      firstMs: (open.firstAt ?? at) - open.sentAt,
      lastMs: at - open.sentAt,
      frames: open.frames,
    });
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    const open = this.#open;
    if (!open) return;
    clearTimeout(open.timer);
    this.#open = undefined;
    open.reject(error);
  }
}
