import type { Conversation, Logger } from '@crowndesk/domain';
import { describeError } from './errors';
import type { RetellTranscriptItem, ResponseRequestEvent } from './protocol/inbound-frames';
import { BEGIN_MESSAGE_RESPONSE_ID, responseEnd } from './protocol/outbound-frames';
import { ResponseTurn, type FrameSink } from './response-turn';
import { toUtterances } from './transcript';

/** The connection a call currently speaks through. */
export interface CallConnection {
  readonly sink: FrameSink;
  /** Closes a connection that a newer one for the same call has replaced. */
  replace(): void;
}

export interface RetellCallParams {
  callId: string;
  practiceId: string;
  conversation: Conversation;
  logger: Logger;
  finishGraceMs: number;
  /** No connection came back within the grace period: the call is over. */
  onAbandoned(call: RetellCall): void;
}

/**
 * One Retell call, across however many connections Retell opens for it (it reconnects after a missed
 * keepalive or an abnormal close). Holds the conversation, the latest transcript and the running turn,
 * so a reconnect carries on the same dialogue and the greeting is spoken once.
 */
export class RetellCall {
  readonly callId: string;
  readonly practiceId: string;
  private connection: CallConnection | undefined;
  private turn: ResponseTurn | undefined;
  private transcript: readonly RetellTranscriptItem[] = [];
  private greeted = false;
  private graceTimer: NodeJS.Timeout | undefined;
  /** When the last connection closed: the call's end, if no reconnect follows. */
  private disconnectedAt: Date | undefined;
  private finishing: Promise<void> | undefined;

  constructor(private readonly params: RetellCallParams) {
    this.callId = params.callId;
    this.practiceId = params.practiceId;
  }

  /** A socket speaks for the call now (not merely waiting for Retell to reconnect). */
  get connected(): boolean {
    return this.connection !== undefined;
  }

  private get logContext(): Record<string, unknown> {
    return { callId: this.callId, practiceId: this.practiceId };
  }

  /**
   * Makes `connection` the call's voice and sends the begin message (response 0), which Retell waits for:
   * the greeting on the first connection, empty on a reconnect so nothing is said twice.
   */
  connect(connection: CallConnection): void {
    if (this.finishing) throw new Error(`call ${this.callId} is already finished`);
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.disconnectedAt = undefined;
    const previous = this.connection;
    this.connection = connection;
    if (previous && previous !== connection) {
      this.cancelTurn();
      previous.replace();
    }
    const reconnect = this.greeted;
    this.greeted = true;
    connection.sink.send(responseEnd(BEGIN_MESSAGE_RESPONSE_ID, reconnect ? '' : this.greeting()));
    this.params.logger.info({ ...this.logContext, reconnect }, 'retell call connected');
  }

  /** The connection closed. Unless Retell comes back within the grace period, the call is finished. */
  disconnect(connection: CallConnection): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.disconnectedAt = new Date();
    this.cancelTurn();
    if (this.finishing) return;
    this.graceTimer = setTimeout(() => this.params.onAbandoned(this), this.params.finishGraceMs);
  }

  /** Keeps the latest transcript; an update never supersedes the pending response. */
  updateTranscript(connection: CallConnection, transcript: readonly RetellTranscriptItem[]): void {
    if (this.connection === connection) this.transcript = transcript;
  }

  /** Answers a request; a newer request cancels the older turn before anything else happens. */
  respond(connection: CallConnection, request: ResponseRequestEvent): void {
    if (this.connection !== connection || this.finishing) return;
    this.transcript = request.transcript;
    this.cancelTurn();
    const turn = new ResponseTurn({
      responseId: request.response_id,
      reminder: request.interaction_type === 'reminder_required',
      transcript: toUtterances(request.transcript),
      conversation: this.params.conversation,
      sink: connection.sink,
      logger: this.params.logger,
      logContext: this.logContext,
    });
    this.turn = turn;
    void turn.run().finally(() => {
      if (this.turn === turn) this.turn = undefined;
    });
  }

  /** Ends the call once: stops any turn and records the conversation with the last transcript Retell sent. */
  finish(): Promise<void> {
    this.finishing ??= this.finishOnce();
    return this.finishing;
  }

  private async finishOnce(): Promise<void> {
    clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.cancelTurn();
    try {
      await this.params.conversation.finish(toUtterances(this.transcript), this.disconnectedAt);
      this.params.logger.info({ ...this.logContext, utterances: this.transcript.length }, 'retell call finished');
    } catch (error) {
      this.params.logger.error({ ...this.logContext, ...describeError(error) }, 'retell call could not be finished');
    }
  }

  private greeting(): string {
    try {
      return this.params.conversation.greeting();
    } catch (error) {
      // Saying nothing lets the caller speak first; the call still works.
      this.params.logger.error({ ...this.logContext, ...describeError(error) }, 'greeting failed; caller speaks first');
      return '';
    }
  }

  private cancelTurn(): void {
    this.turn?.cancel();
    this.turn = undefined;
  }
}
