/** Returned by `step` when the exchange was aborted, by the caller or by the idle timeout. */
export const ABORTED = Symbol('aborted');

const noop = () => {};

/**
 * One HTTP exchange with ElevenLabs, bounded by the caller's signal and by an idle timeout that runs only
 * while we wait on the network (never while the consumer holds a chunk). Each await is raced against the
 * abort, because some fetch implementations neither reject a pending body read on abort nor settle cancel().
 */
export class GuardedExchange {
  private readonly controller = new AbortController();
  private readonly aborted: Promise<typeof ABORTED>;
  private readonly forwardCallerAbort = () => this.controller.abort(this.caller.reason);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOutFlag = false;

  constructor(
    private readonly caller: AbortSignal,
    private readonly idleTimeoutMs: number,
  ) {
    this.aborted = new Promise((resolve) => {
      this.controller.signal.addEventListener('abort', () => resolve(ABORTED), { once: true });
    });
    if (caller.aborted) this.forwardCallerAbort();
    else caller.addEventListener('abort', this.forwardCallerAbort, { once: true });
  }

  /** Pass to fetch: aborts on the caller's abort, on timeout, and when the exchange is disposed. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the idle timeout (not the caller) ended the exchange. */
  get timedOut(): boolean {
    return this.timedOutFlag;
  }

  /** Awaits one network step; ABORTED if the exchange is aborted first (or the step fails because of it). */
  async step<T>(work: Promise<T>): Promise<T | typeof ABORTED> {
    // The loser of the race may still reject later: handle it so it never surfaces as unhandled.
    work.catch(noop);
    if (this.controller.signal.aborted) return ABORTED;
    this.timer = setTimeout(() => {
      this.timedOutFlag = true;
      this.controller.abort(new DOMException('ElevenLabs did not answer in time', 'TimeoutError'));
    }, this.idleTimeoutMs);
    try {
      return await Promise.race([work, this.aborted]);
    } catch (error) {
      if (this.controller.signal.aborted) return ABORTED;
      throw error;
    } finally {
      clearTimeout(this.timer);
    }
  }

  /** Ends the exchange: releases the connection if the body was not read to the end. */
  dispose(): void {
    clearTimeout(this.timer);
    this.caller.removeEventListener('abort', this.forwardCallerAbort);
    if (!this.controller.signal.aborted) this.controller.abort(new DOMException('exchange finished', 'AbortError'));
  }
}
