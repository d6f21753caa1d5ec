import type { Logger } from '@crowndesk/domain';
import { WebSocket, type RawData } from 'ws';
import { describeError } from './errors';
import { CLOSE_CODES, closeReason } from './protocol/close-codes';
import { parseInboundFrame, type InboundEvent, type PingPongEvent } from './protocol/inbound-frames';
import { pingPongFrame, type OutboundFrame } from './protocol/outbound-frames';

/** Every inbound event except keepalives, which the socket answers itself. */
export type RetellEvent = Exclude<InboundEvent, PingPongEvent>;

export interface RetellSocketListener {
  onEvent(event: RetellEvent): void;
  onClose(code: number): void;
}

export interface RetellSocketOptions {
  logger: Logger;
  maxFrameBytes: number;
  /** Ids to put on every log line of this socket (mutable: the call id is learnt later). */
  logContext: Record<string, unknown>;
}

/** How long a closing socket may take to finish the close handshake before it is cut. */
const CLOSE_HANDSHAKE_TIMEOUT_MS = 3_000;

/**
 * One Retell WebSocket at the frame level: validates every frame, answers ping_pong at once (so
 * keepalives never wait behind generation), and closes only this socket, with the right code, when the
 * peer breaks the protocol. Nothing that happens here can throw into `ws` and take the process down.
 */
export class RetellSocket {
  private closing = false;
  readonly closed: Promise<void>;

  constructor(
    private readonly ws: WebSocket,
    private readonly options: RetellSocketOptions,
    private readonly listener: RetellSocketListener,
  ) {
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('error', (error) => this.options.logger.warn({ ...this.options.logContext, ...describeError(error) }, 'retell socket error'));
    ws.once('close', (code) => {
      this.closing = true;
      this.options.logger.info({ ...this.options.logContext, code }, 'retell socket closed');
      this.guard('close', () => this.listener.onClose(code));
    });
  }

  get isOpen(): boolean {
    return !this.closing && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends one frame if the socket is still open; returns whether it was handed to the socket. */
  send(frame: OutboundFrame): boolean {
    if (!this.isOpen) return false;
    this.ws.send(JSON.stringify(frame), (error) => {
      if (error) this.options.logger.warn({ ...this.options.logContext, ...describeError(error) }, 'retell frame not sent');
    });
    return true;
  }

  /** Starts the close handshake; later frames from the peer are ignored. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return;
    this.ws.close(code, closeReason(reason));
  }

  /** Closes and waits until the socket is gone, cutting it if the peer does not answer the handshake. */
  async shutdown(code: number, reason: string): Promise<void> {
    this.close(code, reason);
    const timer = setTimeout(() => this.ws.terminate(), CLOSE_HANDSHAKE_TIMEOUT_MS);
    try {
      await this.closed;
    } finally {
      clearTimeout(timer);
    }
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    if (isBinary) return this.reject(CLOSE_CODES.unsupportedData, 'binary frames are not supported');
    const bytes = toBuffer(data);
    if (bytes.length > this.options.maxFrameBytes) return this.reject(CLOSE_CODES.messageTooBig, 'frame too large');
    const result = parseInboundFrame(bytes.toString('utf8'));
    switch (result.kind) {
      case 'invalid':
        return this.reject(CLOSE_CODES.invalidPayload, result.problem);
      case 'unknown':
        this.options.logger.info(
          { ...this.options.logContext, interactionType: result.interactionType.slice(0, 64) },
          'ignoring unknown retell interaction_type',
        );
        return;
      case 'event':
        if (result.event.interaction_type === 'ping_pong') {
          this.send(pingPongFrame(result.event.timestamp));
          return;
        }
        this.guard(result.event.interaction_type, () => this.listener.onEvent(result.event as RetellEvent));
        return;
    }
  }

  private reject(code: number, problem: string): void {
    this.options.logger.warn({ ...this.options.logContext, code, problem }, 'closing retell socket: protocol violation');
    this.close(code, problem);
  }

  /** A bug in our handling of one frame closes that socket (1011) instead of crashing every call. */
  private guard(what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.options.logger.error({ ...this.options.logContext, what, ...describeError(error) }, 'retell frame handling failed');
      this.close(CLOSE_CODES.internalError, 'internal error');
    }
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
