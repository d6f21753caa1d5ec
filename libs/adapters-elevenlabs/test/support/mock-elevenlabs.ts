import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const API_KEY = 'xi-test-0123456789';
export const VOICE_ID = '21m00Tcm4TlvDq8ikWAM';
export const TTS_URL = `https://api.elevenlabs.io/v1/text-to-speech/${VOICE_ID}/stream`;

/**
 * An msw server for one test file. Requests no handler expects fail the test, and every request that left
 * the client is recorded (to count retries and to observe aborts).
 */
export function mockElevenLabs() {
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

/** Resolves when the client aborts the request msw saw. */
export function requestAborted(request: Request | undefined): Promise<void> {
  if (!request) throw new Error('no request was sent');
  if (request.signal.aborted) return Promise.resolve();
  return new Promise((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
}

/** mu-law bytes of a recognisable pattern, so tests can tell chunks apart. */
export function audio(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 31 + i) % 256);
}
