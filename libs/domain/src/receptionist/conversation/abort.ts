/** Helpers so a turn stops the moment it is aborted, even when a model or tool ignores its signal. */

export const ABORTED: unique symbol = Symbol('aborted');

/** Settles with the work's result, or with ABORTED as soon as the signal fires, whichever comes first. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  return new Promise<T | typeof ABORTED>((resolve, reject) => {
    const onAbort = (): void => resolve(ABORTED);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    // Always attached, so work that fails after we stopped waiting is handled, not unhandled.
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export interface TurnAbort {
  /** Aborted when the turn's own signal is, and when the turn ends for any reason. */
  readonly signal: AbortSignal;
  /** The turn is over: abort whatever still runs for it and stop listening to the parent. */
  release(): void;
}

/** A signal for the work of one turn, so stopping early also stops the model stream we walked away from. */
export function linkTurnAbort(parent: AbortSignal): TurnAbort {
  const controller = new AbortController();
  const forward = (): void => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      parent.removeEventListener('abort', forward);
      controller.abort();
    },
  };
}

/** Ends an iterator we stopped reading; a failure while closing is reported, never thrown. */
export function closeIterator(iterator: AsyncIterator<unknown>, onError: (error: unknown) => void): void {
  try {
    iterator.return?.()?.catch(onError);
  } catch (error) {
    onError(error);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
