import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export interface CallUpdate {
  url: string;
  authorization: string | null;
  form: Record<string, string>;
}

/**
 * Twilio's REST API for one test file, with msw: call updates (transfer, hang-up) are recorded with their
 * basic auth and form body. Loopback passes through (the gateway under test and the vendor stand-ins);
 * any other request fails the test.
 */
export function mockTwilioRest() {
  const server = setupServer(
    http.post('https://api.twilio.com/2010-04-01/Accounts/:accountSid/Calls/:callSid.json', async ({ request, params }) => {
      updates.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        form: Object.fromEntries(new URLSearchParams(await request.text())),
      });
      return HttpResponse.json({ sid: params['callSid'], account_sid: params['accountSid'], status: 'in-progress' });
    }),
  );
  const updates: CallUpdate[] = [];
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    }),
  );
  afterEach(() => {
    updates.length = 0;
  });
  afterAll(() => server.close());
  return { updates };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
