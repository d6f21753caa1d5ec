import WebSocket, { type RawData } from 'ws';

/** The outcome of an upgrade request: an open socket, or the HTTP status the server answered with. */
export type UpgradeOutcome = { open: true; socket: WebSocket; inbox: FrameInbox } | { open: false; status: number; body: string };

export function upgrade(url: string): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    // Listening from the start: the server may send its first frame in the same packet as the handshake.
    const inbox = new FrameInbox(socket);
    socket.once('open', () => resolve({ open: true, socket, inbox }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ open: false, status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    socket.once('error', (error) => reject(error));
  });
}

export async function connect(url: string): Promise<{ socket: WebSocket; inbox: FrameInbox }> {
  const outcome = await upgrade(url);
  if (!outcome.open) throw new Error(`upgrade refused with HTTP ${outcome.status}`);
  return outcome;
}

type Frame = Record<string, unknown>;

/** Every JSON frame a socket receives; `next` takes the oldest one not taken yet that matches. */
export class FrameInbox {
  readonly frames: Frame[] = [];
  #untaken: Frame[] = [];
  #waiters: { predicate: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: RawData) => {
      const frame = JSON.parse(data.toString('utf8')) as Frame;
      this.frames.push(frame);
      const waiter = this.#waiters.find((candidate) => candidate.predicate(frame));
      if (!waiter) {
        this.#untaken.push(frame);
        return;
      }
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(frame);
    });
  }

  next(predicate: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const index = this.#untaken.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.#untaken.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (frame: Frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }
}

export function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.reject(new Error('socket already closed'));
  return new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
}
