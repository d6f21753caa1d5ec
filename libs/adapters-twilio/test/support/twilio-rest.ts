import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'twilio-auth-token-for-tests';
export const CALL_SID = 'CAfedcba9876543210fedcba9876543210';

export const callUpdateUrl = (callSid: string, accountSid = ACCOUNT_SID): string =>
  `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`;

export interface CallUpdate {
  url: string;
  authorization: string | null;
  contentType: string | null;
  form: Record<string, string>;
}

/**
 * Twilio's REST API mocked with msw for one test file: call updates are recorded with their auth header
 * and form body; any other request beyond loopback fails the test.
 */
export function mockTwilioRest() {
  const server = setupServer();
  const updates: CallUpdate[] = [];
  const respond = { status: 200, body: {} as Record<string, unknown> };
  beforeAll(() =>
    server.listen({
      // Loopback is our own server under test (the media stream upgrade); anything else must be mocked.
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    }),
  );
  afterEach(() => {
    updates.length = 0;
    respond.status = 200;
    respond.body = {};
  });
  afterAll(() => server.close());
  const install = () =>
    server.use(
      http.post('https://api.twilio.com/2010-04-01/Accounts/:accountSid/Calls/:callSid.json', async ({ request, params }) => {
        const form = Object.fromEntries(new URLSearchParams(await request.text()));
        updates.push({
          url: request.url,
          authorization: request.headers.get('authorization'),
          contentType: request.headers.get('content-type'),
          form,
        });
        const body = respond.status === 200 ? { sid: params['callSid'], account_sid: params['accountSid'], status: 'in-progress' } : respond.body;
        return HttpResponse.json(body, { status: respond.status });
      }),
    );
  return { server, updates, respond, install };
}

export const basicAuth = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
