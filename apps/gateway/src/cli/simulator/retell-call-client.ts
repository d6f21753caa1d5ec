import WebSocket, { type RawData } from 'ws';
import { serverFrameSchema, type RetellFrame, type ServerFrame, type TranscriptItem } from './retell-frames';

/**
 * One phone call, placed the way Retell places it: a WebSocket to `{base url}/{call_id}`, `call_details`
 * once the server's `config` asks for them, keepalive pings every 2 s, and one `response_required` per
 * caller line carrying the whole transcript so far. Only the newest response id counts, as with Retell.
 */

export interface CallOptions {
  /** The server's Custom LLM URL, without the call id (Retell's `llm_websocket_url`). */
  baseUrl: string;
  callId: string;
  agentId: string;
  fromNumber: string;
  toNumber: string;
  /** How long to wait for a response to complete before giving up on the turn. */
  turnTimeoutMs?: number;
}

export interface ToolUse {
  name: string;
  /** Undefined when the server did not say. */
  successful: boolean | undefined;
}

/** What the receptionist did in one response, once `content_complete` arrived. */
export interface AgentTurn {
  responseId: number;
  text: string;
  tools: ToolUse[];
  endCall: boolean;
  transferNumber?: string;
}

export interface CallListener {
  /** A piece of the receptionist's speech, as it streams. */
  onSpeech?(chunk: string): void;
  onToolResult?(tool: ToolUse): void;
  /** A frame the simulator could not understand, or a keepalive that went unanswered. */
  onProtocolProblem?(problem: string): void;
}

export class CallClosedError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`the call's WebSocket closed (code ${code}${reason ? `, ${reason}` : ''})`);
    this.name = 'CallClosedError';
  }
}

interface PendingTurn {
  responseId: number;
  text: string;
  tools: ToolUse[];
  resolve(turn: AgentTurn): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const KEEPALIVE_INTERVAL_MS = 2_000;
/** Retell gives up on a connection whose pings go unanswered this long. */
const KEEPALIVE_DEADLINE_MS = 5_000;

export class RetellCallClient {
  readonly #socket: WebSocket;
  readonly #options: CallOptions;
  readonly #listener: CallListener;
  readonly #transcript: TranscriptItem[] = [];
  readonly #toolNames = new Map<string, string>();
  #pending: PendingTurn | undefined;
  #opening: Promise<AgentTurn>;
  #lastResponseId = 0;
  #keepalive: NodeJS.Timeout | undefined;
  #lastPongAt = Date.now();
  #closed: CallClosedError | undefined;

  private constructor(socket: WebSocket, options: CallOptions, listener: CallListener) {
    this.#socket = socket;
    this.#options = options;
    this.#listener = listener;
    // The begin message is response 0: it may arrive before anyone asks for it.
    this.#opening = this.#expect(0);
    this.#opening.catch(() => undefined);
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('close', (code, reason) => this.#onClose(code, reason.toString('utf8')));
    socket.on('error', (error) => this.#listener.onProtocolProblem?.(`socket error: ${error.message}`));
  }

  /** Dials: resolves once the WebSocket is open, rejects if the server refuses the upgrade. */
  static connect(options: CallOptions, listener: CallListener = {}): Promise<RetellCallClient> {
    const url = `${options.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(options.callId)}`;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      // Constructed before 'open' so no frame sent right after the handshake is missed.
      const client = new RetellCallClient(socket, options, listener);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`the server refused the call: HTTP ${response.statusCode} for ${url}`));
        socket.terminate();
      });
      socket.once('error', (error) => reject(new Error(`could not connect to ${url}: ${error.message}`, { cause: error })));
    });
  }

  get callId(): string {
    return this.#options.callId;
  }

  get transcript(): readonly TranscriptItem[] {
    return this.#transcript;
  }

  /** The receptionist's opening line (response 0). */
  opening(): Promise<AgentTurn> {
    return this.#opening;
  }

  /** The caller says one line; resolves with the receptionist's complete answer. */
  say(text: string): Promise<AgentTurn> {
    if (this.#closed) return Promise.reject(this.#closed);
    this.#transcript.push({ role: 'user', content: text, words: [] });
    const responseId = ++this.#lastResponseId;
    const turn = this.#expect(responseId);
    this.#send({ interaction_type: 'response_required', response_id: responseId, transcript: [...this.#transcript] });
    return turn;
  }

  /** Hangs up as Retell does at the end of a call, and waits for the socket to close. */
  async hangUp(): Promise<void> {
    this.#stopKeepalive();
    if (this.#socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.close(1000, 'caller hung up');
    });
  }

  #expect(responseId: number): Promise<AgentTurn> {
    this.#pending?.reject(new Error(`response ${this.#pending.responseId} was superseded by ${responseId}`));
    clearTimeout(this.#pending?.timer);
    return new Promise<AgentTurn>((resolve, reject) => {
      const timeoutMs = this.#options.turnTimeoutMs ?? 30_000;
      const timer = setTimeout(() => {
        if (this.#pending?.responseId === responseId) this.#pending = undefined;
        reject(new Error(`no complete response ${responseId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending = { responseId, text: '', tools: [], resolve, reject, timer };
    });
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.#listener.onProtocolProblem?.('the server sent a binary frame (Retell would close with 1007)');
      return;
    }
    let frame: ServerFrame;
    try {
      const parsed = serverFrameSchema.safeParse(JSON.parse(data.toString('utf8')));
      if (!parsed.success) {
        this.#listener.onProtocolProblem?.(`unexpected frame from the server: ${parsed.error.issues[0]?.message}`);
        return;
      }
      frame = parsed.data;
    } catch {
      this.#listener.onProtocolProblem?.('the server sent a frame that is not JSON');
      return;
    }
    this.#handle(frame);
  }

  #handle(frame: ServerFrame): void {
    switch (frame.response_type) {
      case 'config':
        if (frame.config.call_details) this.#sendCallDetails();
        if (frame.config.auto_reconnect) this.#startKeepalive();
        return;
      case 'ping_pong':
        this.#lastPongAt = Date.now();
        return;
      case 'response':
      case 'agent_interrupt': {
        const pending = this.#pending;
        // Retell drops content for anything but the newest request; so do we.
        if (!pending || (frame.response_type === 'response' && frame.response_id !== pending.responseId)) return;
        if (frame.content) {
          pending.text += frame.content;
          this.#listener.onSpeech?.(frame.content);
        }
        if (frame.content_complete) this.#complete(pending, frame.end_call === true, frame.transfer_number);
        return;
      }
      case 'tool_call_invocation':
        this.#toolNames.set(frame.tool_call_id, frame.name);
        return;
      case 'tool_call_result': {
        const tool = { name: this.#toolNames.get(frame.tool_call_id) ?? 'unknown tool', successful: toolSucceeded(frame) };
        this.#pending?.tools.push(tool);
        this.#listener.onToolResult?.(tool);
        return;
      }
      case 'update_agent':
      case 'metadata':
        return;
    }
  }

  #complete(pending: PendingTurn, endCall: boolean, transferNumber: string | undefined): void {
    clearTimeout(pending.timer);
    this.#pending = undefined;
    if (pending.text) this.#transcript.push({ role: 'agent', content: pending.text, words: [] });
    pending.resolve({
      responseId: pending.responseId,
      text: pending.text,
      tools: pending.tools,
      endCall,
      ...(transferNumber ? { transferNumber } : {}),
    });
  }

  #sendCallDetails(): void {
    const { callId, agentId, fromNumber, toNumber } = this.#options;
    this.#send({
      interaction_type: 'call_details',
      call: {
        call_type: 'phone_call',
        call_id: callId,
        agent_id: agentId,
        from_number: fromNumber,
        to_number: toNumber,
        direction: 'inbound',
        call_status: 'registered',
        metadata: {},
        retell_llm_dynamic_variables: {},
      },
    });
  }

  #startKeepalive(): void {
    if (this.#keepalive) return;
    this.#lastPongAt = Date.now();
    let warned = false;
    this.#keepalive = setInterval(() => {
      if (!warned && Date.now() - this.#lastPongAt > KEEPALIVE_DEADLINE_MS) {
        warned = true;
        this.#listener.onProtocolProblem?.('no ping_pong from the server for 5 s (Retell would reconnect)');
      }
      this.#send({ interaction_type: 'ping_pong', timestamp: Date.now() });
    }, KEEPALIVE_INTERVAL_MS);
    this.#keepalive.unref();
  }

  #stopKeepalive(): void {
    clearInterval(this.#keepalive);
    this.#keepalive = undefined;
  }

  #send(frame: RetellFrame): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  #onClose(code: number, reason: string): void {
    this.#stopKeepalive();
    this.#closed = new CallClosedError(code, reason);
    if (this.#pending) {
      clearTimeout(this.#pending.timer);
      this.#pending.reject(this.#closed);
      this.#pending = undefined;
    }
  }
}

/** Retell's `successful` is optional; our tool results are JSON with an `ok` flag, so fall back to it. */
function toolSucceeded(frame: { content: string; successful?: boolean | undefined }): boolean | undefined {
  if (frame.successful !== undefined) return frame.successful;
  try {
    const content = JSON.parse(frame.content) as { ok?: unknown };
    return typeof content.ok === 'boolean' ? content.ok : undefined;
  } catch {
    return undefined;
  }
}
