import type { Logger } from '@crowndesk/domain';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from './protocol/close-codes';
import type { RetellCallObject, RetellTranscriptItem, ResponseRequestEvent } from './protocol/inbound-frames';
import { BEGIN_MESSAGE_RESPONSE_ID, configFrame, responseEnd } from './protocol/outbound-frames';
import type { CallConnection, RetellCall } from './retell-call';
import type { FrameSink } from './response-turn';
import { RetellSocket, type RetellEvent, type RetellSocketListener } from './retell-socket';

/** Decides which call a connection serves once Retell has told us about it. */
export interface CallRouter {
  /** call_details arrived on a connection not bound to a call yet. Never rejects. */
  bind(connection: RetellConnection, call: RetellCallObject): Promise<void>;
  closed(connection: RetellConnection): void;
}

export interface RetellConnectionOptions {
  id: number;
  pathCallId: string | undefined;
  logger: Logger;
  maxFrameBytes: number;
  callDetailsTimeoutMs: number;
  refusalHangupDelayMs: number;
  router: CallRouter;
}

type ConnectionState = 'awaiting_details' | 'binding' | 'attached' | 'refused' | 'closed';

/**
 * One WebSocket from Retell, from config to close. Until it is bound to a call it keeps the latest
 * transcript and the latest request (a newer one replaces the older, as Retell would discard it): once
 * the call is known, the begin message goes first and the queued request is answered right after. If
 * call_details is late, the queued request is answered empty after `callDetailsTimeoutMs`, so Retell is
 * never left waiting on an open response.
 */
export class RetellConnection implements CallConnection, RetellSocketListener {
  readonly id: number;
  readonly pathCallId: string | undefined;
  readonly logContext: Record<string, unknown>;
  private readonly socket: RetellSocket;
  private state: ConnectionState = 'awaiting_details';
  private call: RetellCall | undefined;
  private pendingRequest: ResponseRequestEvent | undefined;
  private pendingTranscript: readonly RetellTranscriptItem[] | undefined;
  private detailsTimer: NodeJS.Timeout | undefined;
  private hangupTimer: NodeJS.Timeout | undefined;

  constructor(ws: WebSocket, private readonly options: RetellConnectionOptions) {
    this.id = options.id;
    this.pathCallId = options.pathCallId;
    this.logContext = { connectionId: options.id, callId: options.pathCallId };
    this.socket = new RetellSocket(ws, { logger: options.logger, maxFrameBytes: options.maxFrameBytes, logContext: this.logContext }, this);
  }

  get sink(): FrameSink {
    return this.socket;
  }

  get isOpen(): boolean {
    return this.state !== 'closed' && this.socket.isOpen;
  }

  /** Sends config first: Retell acts on it as it arrives (keepalive, call_details). */
  open(): void {
    this.socket.send(configFrame());
  }

  /** Binds this connection to its call: begin message, then whatever Retell asked while we waited. */
  attach(call: RetellCall): void {
    if (this.state !== 'awaiting_details' && this.state !== 'binding') return;
    this.clearDetailsTimer();
    this.state = 'attached';
    this.call = call;
    Object.assign(this.logContext, { callId: call.callId, practiceId: call.practiceId });
    call.connect(this);
    const { pendingTranscript, pendingRequest } = this;
    this.pendingTranscript = undefined;
    this.pendingRequest = undefined;
    if (pendingTranscript) call.updateTranscript(this, pendingTranscript);
    if (pendingRequest) call.respond(this, pendingRequest);
  }

  /** Speaks a short goodbye as the begin message, hangs up after it, and closes as a deliberate hangup. */
  refuse(line: string): void {
    if (this.state === 'closed' || this.state === 'attached' || this.state === 'refused') return;
    this.clearDetailsTimer();
    this.state = 'refused';
    this.socket.send(responseEnd(BEGIN_MESSAGE_RESPONSE_ID, line, { end_call: true }));
    this.answerPendingRequestEmpty(true);
    // Retell hangs up once the goodbye is spoken; closing is the backstop if it does not.
    this.hangupTimer = setTimeout(() => this.socket.close(CLOSE_CODES.normal, 'call refused'), this.options.refusalHangupDelayMs);
  }

  /** Closes this socket (only this one) because of something the peer sent. */
  fail(code: number, problem: string): void {
    this.options.logger.warn({ ...this.logContext, code, problem }, 'closing retell socket');
    this.socket.close(code, problem);
  }

  replace(): void {
    this.options.logger.info({ ...this.logContext }, 'retell connection replaced by a reconnect');
    this.socket.close(CLOSE_CODES.replaced, 'replaced by a newer connection for this call');
  }

  /** Closes with `code` and resolves once the socket is gone. */
  shutdown(code: number, reason: string): Promise<void> {
    return this.socket.shutdown(code, reason);
  }

  onEvent(event: RetellEvent): void {
    switch (event.interaction_type) {
      case 'call_details':
        return this.onCallDetails(event.call);
      case 'update_only':
        if (this.call) this.call.updateTranscript(this, event.transcript);
        else if (this.state !== 'refused') this.pendingTranscript = event.transcript;
        return;
      case 'response_required':
      case 'reminder_required':
        return this.onRequest(event);
    }
  }

  onClose(): void {
    this.state = 'closed';
    this.clearDetailsTimer();
    clearTimeout(this.hangupTimer);
    this.call?.disconnect(this);
    this.options.router.closed(this);
  }

  private onCallDetails(call: RetellCallObject): void {
    if (this.pathCallId !== undefined && this.pathCallId !== call.call_id) {
      return this.fail(CLOSE_CODES.badCallId, 'call_id in call_details does not match the URL');
    }
    if (this.call) {
      // Retell may repeat call_details after a reconnect: the call is already bound.
      if (this.call.callId !== call.call_id) this.fail(CLOSE_CODES.badCallId, 'call_id in call_details does not match this call');
      return;
    }
    if (this.state !== 'awaiting_details') {
      this.options.logger.debug({ ...this.logContext }, 'ignoring repeated call_details');
      return;
    }
    this.state = 'binding';
    this.logContext['callId'] = call.call_id;
    void this.options.router.bind(this, call);
  }

  private onRequest(request: ResponseRequestEvent): void {
    if (this.call) return this.call.respond(this, request);
    if (this.state === 'refused') {
      this.socket.send(responseEnd(request.response_id, '', { end_call: true }));
      return;
    }
    this.pendingRequest = request;
    this.detailsTimer ??= setTimeout(() => {
      this.detailsTimer = undefined;
      this.options.logger.warn({ ...this.logContext, state: this.state }, 'no call_details in time; answering the queued request empty');
      this.answerPendingRequestEmpty(false);
    }, this.options.callDetailsTimeoutMs);
  }

  private answerPendingRequestEmpty(endCall: boolean): void {
    const request = this.pendingRequest;
    this.pendingRequest = undefined;
    if (request) this.socket.send(responseEnd(request.response_id, '', endCall ? { end_call: true } : undefined));
  }

  private clearDetailsTimer(): void {
    clearTimeout(this.detailsTimer);
    this.detailsTimer = undefined;
  }
}
