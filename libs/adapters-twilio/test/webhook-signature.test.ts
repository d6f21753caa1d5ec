import { describe, expect, it } from 'vitest';
import { AUTH_TOKEN, CALL_SID } from './support/twilio-rest';
import { twilioSignature } from './support/twilio-signature';
import { callParams, INTERNAL_ORIGIN, PUBLIC_ORIGIN, WebhookFixture } from './support/webhooks';

const INCOMING = '/api/voice-agent/incoming';

describe('webhook signature (X-Twilio-Signature)', () => {
  it('accepts a request signed for the URL the app received directly', async () => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams());
    expect(response.status).toBe(200);
    expect(response.contentType).toBe('text/xml');
  });

  it('accepts a request behind the TLS proxy: the app sees http://internal-host, Twilio signed https://public-host', async () => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams(), {
      seenAs: `${INTERNAL_ORIGIN}${INCOMING}`,
      signedUrl: `${PUBLIC_ORIGIN}${INCOMING}`,
    });
    expect(response.status).toBe(200);
  });

  it('accepts a path-only request URL, keeping its query string in the signed URL', async () => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams(), {
      seenAs: `${INCOMING}?source=main`,
      signedUrl: `${PUBLIC_ORIGIN}${INCOMING}?source=main`,
    });
    expect(response.status).toBe(200);
    const dropped = await fixture.post('incoming', callParams(), { seenAs: INCOMING, signedUrl: `${PUBLIC_ORIGIN}${INCOMING}?source=main` });
    expect(dropped.status).toBe(403);
  });

  it('refuses a signature Twilio computed for the internal URL, not the public one', async () => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams(), {
      seenAs: `${INTERNAL_ORIGIN}${INCOMING}`,
      signedUrl: `${INTERNAL_ORIGIN}${INCOMING}`,
    });
    expect(response.status).toBe(403);
  });

  it.each([
    ['forged with another auth token', { signWith: 'not-the-auth-token' }],
    ['missing', { signature: null }],
    ['garbage', { signature: 'AAAA' }],
  ])('refuses a %s signature with 403, and nothing else happens', async (_name, options) => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams(), options);
    expect(response).toEqual({ status: 403, contentType: 'text/plain', body: 'Forbidden' });
    expect(fixture.directory.lookups).toEqual([]);
    expect(fixture.conversations.started).toEqual([]);
    expect(fixture.logger.entries.at(-1)).toMatchObject({ level: 'warn', message: 'twilio webhook signature rejected' });
  });

  it('refuses params changed after signing', async () => {
    const fixture = new WebhookFixture({ speechPath: 'gather' });
    const signedFor = callParams();
    const signature = twilioSignature(AUTH_TOKEN, `${PUBLIC_ORIGIN}${INCOMING}`, signedFor);
    const response = await fixture.webhooks.incoming({
      url: INCOMING,
      params: { ...signedFor, To: '+15550002222' },
      signature,
    });
    expect(response.status).toBe(403);
  });

  it('checks every route: gather and status too', async () => {
    const fixture = new WebhookFixture({ speechPath: 'gather' });
    expect((await fixture.post('gather', callParams({ SpeechResult: 'hi' }), { signature: null })).status).toBe(403);
    expect((await fixture.post('status', callParams({ CallStatus: 'completed' }), { signWith: 'wrong' })).status).toBe(403);
    expect(fixture.conversations.started).toEqual([]);
  });

  it('refuses a webhook for another Twilio account when the account is configured', async () => {
    const fixture = new WebhookFixture({ accountSid: 'AC11111111111111111111111111111111' });
    const response = await fixture.post('incoming', callParams());
    expect(response.status).toBe(403);
    expect(fixture.directory.lookups).toEqual([]);
  });

  it('answers 400 to a signed request whose params are not a call', async () => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams({ CallSid: 'not-a-call-sid' }));
    expect(response).toEqual({ status: 400, contentType: 'text/plain', body: 'Bad Request' });
    expect(fixture.directory.lookups).toEqual([]);
    expect(fixture.logger.entries.at(-1)?.fields).toEqual({ route: 'incoming', fields: ['CallSid'] });
  });

  it('checks nothing without an auth token, and says so at startup', async () => {
    const fixture = new WebhookFixture({ authToken: undefined });
    expect(fixture.logger.messages('warn')).toContain('no Twilio auth token: webhook signatures are NOT checked');
    const response = await fixture.post('incoming', callParams(), { signature: null });
    expect(response.status).toBe(200);
    expect(response.body).toContain(CALL_SID);
  });
});
