import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const OPENAI_CHAT_URL = 'https://api.openai.com/v1/chat/completions';
export const API_KEY = 'sk-test-0123456789';

/**
 * An msw server for one test file. Any request no handler expects fails the test, and every request that
 * left the client is recorded (to count retries and to see aborts).
 */
export function mockOpenAi() {
  const server = setupServer();
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    requests.push(request);
  });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { server, requests };
}
