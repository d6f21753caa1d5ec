import { WebSocket } from 'ws';

/** A frame as the server sent it. */
export interface ReceivedFrame {
  response_type: string;
  [field: string]: unknown;
}

export interface CloseEvent {
  code: number;
  reason: string;
}

type Predicate = (frame: ReceivedFrame) => boolean;

const WAIT_MS = 5_000;

/** Plays Retell's side of one socket with a real `ws` client: sends events, records every frame received. */
export class FakeRetell {
  readonly frames: ReceivedFrame[] = [];
  readonly closed: Promise<CloseEvent>;
  private readonly waiters = new Set<() => void>();
  private nextPing = 1;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ReceivedFrame);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  }

  static async connect(baseUrl: string, path: string): Promise<FakeRetell> {
    const ws = new WebSocket(`${baseUrl}${path}`);
    const client = new FakeRetell(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(event));
  }

  sendText(text: string): void {
    this.ws.send(text);
  }

  sendBinary(bytes: Buffer): void {
    this.ws.send(bytes, { binary: true });
  }

  close(code = 1000): void {
    this.ws.close(code);
  }

  /** Drops the TCP connection without a close frame (what Retell sees as 1006). */
  terminate(): void {
    this.ws.terminate();
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** The first frame received so far (or later) that matches. */
  async waitFor(predicate: Predicate, what: string): Promise<ReceivedFrame> {
    const found = await this.waitUntil(() => this.frames.find(predicate), what);
    return found;
  }

  /**
   * Sends a ping and waits for its echo. Frames travel in order on one socket, so after this resolves every
   * frame the server sent before answering the ping has been received: a barrier for "nothing else came".
   */
  async roundTrip(): Promise<void> {
    const timestamp = this.nextPing++;
    this.send({ interaction_type: 'ping_pong', timestamp });
    await this.waitFor((frame) => frame.response_type === 'ping_pong' && frame['timestamp'] === timestamp, `ping_pong ${timestamp}`);
  }

  /** Response frames of one response id, in order. */
  responses(responseId: number): ReceivedFrame[] {
    return this.frames.filter((frame) => frame.response_type === 'response' && frame['response_id'] === responseId);
  }

  /** Waits for the frame that completes a response. */
  completion(responseId: number): Promise<ReceivedFrame> {
    return this.waitFor(
      (frame) => frame.response_type === 'response' && frame['response_id'] === responseId && frame['content_complete'] === true,
      `content_complete of response ${responseId}`,
    );
  }

  private waitUntil<T>(probe: () => T | undefined, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value === undefined) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.frames)}`));
      }, WAIT_MS);
      const wake = (): void => void check();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
      check();
    });
  }
}

/** Retell events, with realistic shapes. */
export const retellEvents = {
  callDetails(call: Record<string, unknown>): Record<string, unknown> {
    return {
      interaction_type: 'call_details',
      call: { call_type: 'phone_call', direction: 'inbound', call_status: 'registered', metadata: {}, ...call },
    };
  },
  request(responseId: number, transcript: unknown[], type: 'response_required' | 'reminder_required' = 'response_required') {
    return { interaction_type: type, response_id: responseId, transcript };
  },
  update(transcript: unknown[]) {
    return { interaction_type: 'update_only', transcript, turntaking: 'agent_turn' };
  },
};

export function said(role: string, content: string): Record<string, unknown> {
  return { role, content, words: [{ word: content.split(' ')[0] ?? '', start: 0.5, end: 0.9 }] };
}
