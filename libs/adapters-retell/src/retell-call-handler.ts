import type { ConversationFactory, Logger, PracticeDirectory } from '@crowndesk/domain';
import { WebSocket } from 'ws';
import { describeError } from './errors';
import { isValidCallId } from './protocol/call-path';
import { CLOSE_CODES } from './protocol/close-codes';
import type { RetellCallObject } from './protocol/inbound-frames';
import { RETELL_MAX_FRAME_BYTES } from './protocol/limits';
import { callerNumberOf, resolvePractice } from './practice-resolution';
import { RetellCall } from './retell-call';
import { RetellConnection, type CallRouter } from './retell-connection';
import { SPOKEN_LINES } from './spoken-lines';

export interface RetellCallHandlerDeps {
  directory: PracticeDirectory;
  conversations: ConversationFactory;
  logger: Logger;
  /** Serve unknown agents/numbers with the directory's fallback practice (embedded and demo setups only). */
  allowFallbackPractice: boolean;
  /** How long a closed call may take to reconnect before it is finished. Default 15 s. */
  finishGraceMs?: number;
  /** Frames above this are refused (1009) even if the server's maxPayload is larger. Default RETELL_MAX_FRAME_BYTES. */
  maxFrameBytes?: number;
  /** How long a request that arrives before call_details waits before it is answered empty. Default 5 s. */
  callDetailsTimeoutMs?: number;
  /** After a refusal's goodbye, when to close the socket if Retell has not hung up. Default 8 s. */
  refusalHangupDelayMs?: number;
}

const SHUTDOWN_REASON = 'server shutting down';

/**
 * Serves Retell's Custom LLM WebSocket protocol for the receptionist. The gateway hands it every upgraded
 * socket on `/retell-llm[/{call_id}]`; calls are kept by call id, not by socket, so Retell's reconnects
 * continue the same conversation.
 */
export class RetellCallHandler {
  private readonly calls = new Map<string, RetellCall>();
  private readonly connections = new Set<RetellConnection>();
  private readonly finishGraceMs: number;
  private readonly maxFrameBytes: number;
  private readonly callDetailsTimeoutMs: number;
  private readonly refusalHangupDelayMs: number;
  private nextConnectionId = 1;
  private draining = false;
  private readonly router: CallRouter = {
    bind: (connection, call) => this.bind(connection, call),
    closed: (connection) => void this.connections.delete(connection),
  };

  constructor(private readonly deps: RetellCallHandlerDeps) {
    this.finishGraceMs = deps.finishGraceMs ?? 15_000;
    this.maxFrameBytes = deps.maxFrameBytes ?? RETELL_MAX_FRAME_BYTES;
    this.callDetailsTimeoutMs = deps.callDetailsTimeoutMs ?? 5_000;
    this.refusalHangupDelayMs = deps.refusalHangupDelayMs ?? 8_000;
  }

  /** Takes over an upgraded socket. `callIdFromPath` is the `{call_id}` segment Retell appended, if any. */
  accept(socket: WebSocket, callIdFromPath: string | undefined): void {
    const id = this.nextConnectionId++;
    const logger = this.deps.logger;
    if (socket.readyState !== WebSocket.OPEN) {
      logger.warn({ connectionId: id }, 'retell socket closed before it was accepted');
      return;
    }
    if (this.draining) {
      socket.close(CLOSE_CODES.goingAway, SHUTDOWN_REASON);
      return;
    }
    const pathCallId = callIdFromPath === '' ? undefined : callIdFromPath;
    if (pathCallId !== undefined && !isValidCallId(pathCallId)) {
      logger.warn({ connectionId: id }, 'refusing retell socket: malformed call id in path');
      socket.close(CLOSE_CODES.badCallId, 'malformed call id in path');
      return;
    }
    const connection = new RetellConnection(socket, {
      id,
      pathCallId,
      logger,
      maxFrameBytes: this.maxFrameBytes,
      callDetailsTimeoutMs: this.callDetailsTimeoutMs,
      refusalHangupDelayMs: this.refusalHangupDelayMs,
      router: this.router,
    });
    this.connections.add(connection);
    logger.info({ ...connection.logContext }, 'retell socket connected');
    connection.open();
    // A reconnect: Retell comes back to the same URL, so the call is known before any call_details.
    const known = pathCallId === undefined ? undefined : this.calls.get(pathCallId);
    if (known) connection.attach(known);
  }

  /**
   * Calls with a caller on the line. A call whose socket closed and that only waits for a reconnect does not
   * count: a draining gateway refuses reconnects, so waiting for it would only delay shutdown, and drain()
   * finishes it at once.
   */
  activeCalls(): number {
    let connected = 0;
    for (const call of this.calls.values()) if (call.connected) connected += 1;
    return connected;
  }

  /** Calls known to the handler, including those waiting for a reconnect within the grace period. */
  trackedCalls(): number {
    return this.calls.size;
  }

  /** Graceful shutdown: finishes every call and closes every socket with `closeCode`; resolves when all are done. */
  async drain(closeCode: number = CLOSE_CODES.goingAway): Promise<void> {
    this.draining = true;
    const calls = [...this.calls.values()];
    this.calls.clear();
    const finished = calls.map((call) => call.finish());
    const closed = [...this.connections].map((connection) => connection.shutdown(closeCode, SHUTDOWN_REASON));
    await Promise.all([...finished, ...closed]);
    this.deps.logger.info({ calls: calls.length, connections: closed.length }, 'retell calls drained');
  }

  /** call_details arrived: attach to the running call, or find the practice and start one, or refuse. */
  private async bind(connection: RetellConnection, callObject: RetellCallObject): Promise<void> {
    const callId = callObject.call_id;
    try {
      // Retell reconnected to the bare URL: the call is already running.
      const known = this.calls.get(callId);
      if (known) return connection.attach(known);
      const resolved = await resolvePractice(this.deps.directory, callObject, this.deps.allowFallbackPractice);
      if (!connection.isOpen || this.draining) return;
      // Another connection for this call may have started it while we were looking the practice up.
      const raced = this.calls.get(callId);
      if (raced) return connection.attach(raced);
      if (!resolved) {
        this.deps.logger.warn(
          { ...connection.logContext, agentId: callObject.agent_id, callType: callObject.call_type },
          'no practice for this retell agent or number; refusing the call',
        );
        return connection.refuse(SPOKEN_LINES.notSetUp);
      }
      const { practice, source } = resolved;
      const conversation = this.deps.conversations.start({
        callId,
        practice,
        channel: 'retell',
        callerNumber: callerNumberOf(callObject),
      });
      const call = new RetellCall({
        callId,
        practiceId: practice.id,
        conversation,
        logger: this.deps.logger,
        finishGraceMs: this.finishGraceMs,
        onAbandoned: (abandoned) => this.finishAbandoned(abandoned),
      });
      this.calls.set(callId, call);
      this.deps.logger.info({ callId, practiceId: practice.id, practiceSource: source }, 'retell call started');
      connection.attach(call);
    } catch (error) {
      this.deps.logger.error({ ...connection.logContext, ...describeError(error) }, 'retell call could not start');
      connection.refuse(SPOKEN_LINES.unavailable);
    }
  }

  private finishAbandoned(call: RetellCall): void {
    if (this.calls.get(call.callId) === call) this.calls.delete(call.callId);
    void call.finish();
  }
}
