import { HeardTranscript, type Conversation, type Logger } from '@crowndesk/domain';
import { describeError } from '../errors';

/** One call in the `<Gather>` loop: its conversation and what was said, between webhooks. */
export class GatherCall {
  readonly transcript = new HeardTranscript();
  turns = 0;
  silentInRow = 0;
  lastActivity: number;
  /** The turn being answered; a newer webhook for the same call supersedes it. */
  running: AbortController | undefined;

  constructor(
    readonly callSid: string,
    readonly conversation: Conversation,
    now: number,
  ) {
    this.lastActivity = now;
  }
}

/**
 * The gather-loop calls in progress, by CallSid. A call leaves when it is transferred, hung up, reported
 * over by the status callback, or idle for `idleMs` (the caller hung up and no status callback came);
 * each leaves exactly once and its conversation is finished then, so it reaches the call log.
 */
export class GatherCalls {
  private readonly calls = new Map<string, GatherCall>();
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly logger: Logger,
    private readonly idleMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.min(idleMs, 60_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.calls.size;
  }

  get(callSid: string): GatherCall | undefined {
    const call = this.calls.get(callSid);
    if (call) call.lastActivity = this.now();
    return call;
  }

  add(callSid: string, conversation: Conversation): GatherCall {
    const call = new GatherCall(callSid, conversation, this.now());
    this.calls.set(callSid, call);
    return call;
  }

  /** The call is over: its conversation is finished with what was said. Unknown calls are ignored. */
  async finish(callSid: string, reason: string): Promise<void> {
    const call = this.calls.get(callSid);
    if (!call) return;
    this.calls.delete(callSid);
    call.running?.abort();
    const logFields = { callId: callSid, practiceId: call.conversation.session.practice.id, reason, turns: call.turns };
    try {
      await call.conversation.finish(call.transcript.snapshot());
      this.logger.info(logFields, 'gather call finished');
    } catch (error) {
      this.logger.error({ ...logFields, ...describeError(error) }, 'finishing the gather call failed');
    }
  }

  /** Finishes calls idle for longer than `idleMs`. */
  async sweep(): Promise<void> {
    const cutoff = this.now() - this.idleMs;
    const idle = [...this.calls.values()].filter((call) => call.lastActivity <= cutoff);
    await Promise.all(idle.map((call) => this.finish(call.callSid, 'idle')));
  }

  /** Shutdown: finishes every call and stops sweeping. */
  async drain(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.calls.keys()].map((callSid) => this.finish(callSid, 'shutdown')));
  }
}
