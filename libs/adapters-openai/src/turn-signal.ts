/**
 * One turn's abort signal: fires when the caller aborts (barge-in, hang-up) or the turn's deadline passes,
 * whichever comes first. The SDK's own timeout only covers the wait for response headers; this deadline
 * also covers a stream that stalls half-way.
 */
export class TurnSignal {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal;
  readonly #onCallerAbort: () => void;
  readonly #timer: ReturnType<typeof setTimeout>;
  #deadlinePassed = false;

  constructor(caller: AbortSignal, timeoutMs: number) {
    this.#caller = caller;
    this.#onCallerAbort = () => this.#controller.abort(caller.reason);
    if (caller.aborted) this.#onCallerAbort();
    else caller.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.#deadlinePassed = true;
      this.#controller.abort(new DOMException(`turn deadline of ${timeoutMs} ms passed`, 'TimeoutError'));
    }, timeoutMs);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The caller gave up on the turn: not an error, whatever else happened. */
  get callerAborted(): boolean {
    return this.#caller.aborted;
  }

  get deadlinePassed(): boolean {
    return this.#deadlinePassed;
  }

  /** Ends the turn: cancels whatever is still in flight (e.g. the consumer stopped reading) and frees the timer. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#caller.removeEventListener('abort', this.#onCallerAbort);
    this.#controller.abort();
  }
}
