import { http, HttpResponse } from 'msw';
import { afterEach } from 'vitest';
import { mockThirdPartyHttp, unhandledUnlessLoopback } from '@crowndesk/testing';

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
 * Twilio's REST API mocked with msw for one test file: once a test installs it, call updates are recorded
 * with their auth header and form body; any other request beyond loopback fails the test.
 */
export function mockTwilioRest() {
  // Loopback is our own server under test (the media stream upgrade); anything else must be mocked.
  const { server } = mockThirdPartyHttp({ onUnhandledRequest: unhandledUnlessLoopback });
  const updates: CallUpdate[] = [];
  const respond = { status: 200, body: {} as Record<string, unknown> };
  afterEach(() => {
    updates.length = 0;
    respond.status = 200;
    respond.body = {};
  });
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
