/**
 * Wraps fetch so that a streaming response body obeys the request's abort signal and can always be
 * cancelled at once. The SDK relies on both: it stops reading when a body read rejects on abort, and it
 * awaits `reader.cancel()` before surfacing a stream error. Fetch implementations differ here (msw and some
 * runtimes neither error the body on abort nor settle `cancel()`), and a barge-in or a failure must not
 * wait for the turn's deadline because of it.
 */
export function abortSafeFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const signal = init?.signal;
    if (!response.body || !signal) return response;
    return new Response(abortSafeBody(response.body, signal), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function abortSafeBody(source: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  // Fire and forget: the source may never settle its cancel, and nothing waits on it.
  const release = () => void reader.cancel().catch(() => {});
  let onAbort = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        controller.error(signal.reason ?? new DOMException('The request was aborted', 'AbortError'));
        release();
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (signal.aborted) return;
        if (done) {
          signal.removeEventListener('abort', onAbort);
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        if (signal.aborted) return;
        signal.removeEventListener('abort', onAbort);
        controller.error(error);
      }
    },
    cancel() {
      signal.removeEventListener('abort', onAbort);
      release();
    },
  });
}
