import type { UnhandledRequestStrategy } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export interface ThirdPartyHttpMockOptions {
  /** What a request no handler expects does. Default: 'error' (it fails the test). */
  onUnhandledRequest?: UnhandledRequestStrategy;
}

/**
 * An msw server for one test file, standing in for a third party we cannot run (OpenAI, ElevenLabs,
 * Twilio REST, the CrownDesk backend). It listens for the whole file; after each test the handlers a test
 * added are dropped and the record is cleared. Every request that left the client is kept in `requests`,
 * in order (to count retries and to observe aborts).
 */
export function mockThirdPartyHttp(options: ThirdPartyHttpMockOptions = {}) {
  const server = setupServer();
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request);
  });
  beforeAll(() => server.listen({ onUnhandledRequest: options.onUnhandledRequest ?? 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { server, requests };
}

/** Lets requests to our own servers on 127.0.0.1 through; anything else unhandled fails the test. */
export const unhandledUnlessLoopback: UnhandledRequestStrategy = (request, print) => {
  if (new URL(request.url).hostname !== '127.0.0.1') print.error();
};

/** Resolves when the client aborts the request msw saw. */
export function requestAborted(request: Request | undefined): Promise<void> {
  if (!request) throw new Error('no request was sent');
  if (request.signal.aborted) return Promise.resolve();
  return new Promise((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
}
