export interface EventQueueOptions {
  /** Undelivered items at which the producer is asked to pause; it resumes at half of it. */
  highWaterMark: number;
  /** Called with true to pause the producer, false to resume it. */
  onPressure(paused: boolean): void;
}

/**
 * An async iterable fed by push(): items are kept in order until read, and the producer is paused while
 * the reader lags, so a stalled consumer cannot grow memory without bound.
 *
 * Breaking out of a `for await` loop does not end the queue: a later loop reads on from where the last
 * one stopped. Only close() ends it.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  readonly #readers: Array<(result: IteratorResult<T, undefined>) => void> = [];
  readonly #options: EventQueueOptions;
  #closed = false;
  #paused = false;

  constructor(options: EventQueueOptions) {
    this.#options = options;
  }

  /** Delivers the item to a waiting reader or keeps it. Ignored once the queue is closed. */
  push(item: T): void {
    if (this.#closed) return;
    const reader = this.#readers.shift();
    if (reader !== undefined) {
      reader({ value: item, done: false });
      return;
    }
    this.#items.push(item);
    if (!this.#paused && this.#items.length >= this.#options.highWaterMark) this.#setPaused(true);
  }

  /** Ends iteration once the kept items are read, or at once when they are discarded. */
  close(options: { discardPending?: boolean } = {}): void {
    if (this.#closed) return;
    this.#closed = true;
    if (options.discardPending) this.#items.length = 0;
    for (const reader of this.#readers.splice(0)) reader({ value: undefined, done: true });
    if (this.#paused) this.#setPaused(false);
  }

  get closed(): boolean {
    return this.#closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<T, undefined> {
    return {
      next: () => this.#next(),
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }

  #next(): Promise<IteratorResult<T, undefined>> {
    if (this.#items.length > 0) {
      const value = this.#items.shift() as T;
      if (this.#paused && this.#items.length <= Math.floor(this.#options.highWaterMark / 2)) {
        this.#setPaused(false);
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.#readers.push(resolve));
  }

  #setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#options.onPressure(paused);
  }
}
