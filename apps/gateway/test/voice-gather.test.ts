import { createServer } from 'node:net';
import { DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { readEmbeddedRecords } from './support/embedded-records';
import { type TestGateway } from './support/test-gateway';
import { upgrade } from './support/websocket-client';
import { PUBLIC_BASE_URL } from './support/voice-gateway';
import { callSidFor, incomingCallParams, postTwilioWebhook, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN } from './support/voice-twilio-caller';
import { gatewaysPerTest } from './support/gateway-lifecycle';

const INCOMING = '/api/voice-agent/incoming';
const GATHER = '/api/voice-agent/gather';
const STATUS = '/api/voice-agent/status';
const GATHER_ACTION = `action="${PUBLIC_BASE_URL}${GATHER}"`;

/** Twilio alone: no recognizer or synthesizer configured, so Twilio's <Gather> and <Say> carry the call. */
const twilioOnly = { TWILIO_AUTH_TOKEN, TWILIO_ACCOUNT_SID, PUBLIC_BASE_URL };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the Twilio gather fallback (no speech vendors configured)', () => {
  let gateway: TestGateway | undefined;
  const startGateway = gatewaysPerTest();

  /** A webhook as Twilio sends it through the proxy: signed for the public URL, received on the internal one. */
  function twilioPosts(path: string, params: Record<string, string>, options: Parameters<typeof postTwilioWebhook>[3] = {}) {
    if (!gateway) throw new Error('no gateway');
    return postTwilioWebhook(gateway.http(path), `${PUBLIC_BASE_URL}${path}`, params, options);
  }

  it('answers with <Gather>, runs a turn per speech result, and logs the call when it hangs up', async () => {
    gateway = await startGateway({ env: twilioOnly });
    const callSid = callSidFor(0x6a7);

    const incoming = await twilioPosts(INCOMING, incomingCallParams(callSid, DEMO_PHONE_NUMBER));
    expect(incoming.status).toBe(200);
    expect(incoming.contentType).toMatch(/^text\/xml/);
    expect(incoming.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Gather [^>]*input="speech"/);
    expect(incoming.body).toContain(GATHER_ACTION);
    expect(incoming.body).toContain('actionOnEmptyResult="true"');
    expect(incoming.body).toContain('Thank you for calling Bright Smile Dental, this is Ava, the virtual receptionist.');
    expect(incoming.body).not.toContain('<Stream');

    const answer = await twilioPosts(GATHER, { ...incomingCallParams(callSid, DEMO_PHONE_NUMBER), SpeechResult: 'Where are you located?', Confidence: '0.92' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/<Response><Gather [^>]*><Say [^>]*>[^<]*120 Main Street[^<]*<\/Say><\/Gather><\/Response>$/);
    expect(answer.body).toContain(GATHER_ACTION);

    const goodbye = await twilioPosts(GATHER, { ...incomingCallParams(callSid, DEMO_PHONE_NUMBER), SpeechResult: "No, that's all. Goodbye." });
    expect(goodbye.body).toMatch(/<Response><Say [^>]*>[^<]*Have a great day![^<]*<\/Say><Hangup\/><\/Response>$/);

    const status = await twilioPosts(STATUS, { ...incomingCallParams(callSid, DEMO_PHONE_NUMBER), CallStatus: 'completed' });
    expect(status).toMatchObject({ status: 200, body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' });

    await gateway.close();
    const record = await readEmbeddedRecords(gateway.dataDir, async ({ callLog }) => callLog.findCall(callSid));
    expect(record).toMatchObject({ callId: callSid, channel: 'twilio', outcome: 'information' });
    expect(record?.transcript.map((utterance) => utterance.speaker)).toEqual(['agent', 'caller', 'agent', 'caller', 'agent']);
    expect(record?.transcript[1]).toEqual({ speaker: 'caller', text: 'Where are you located?' });
  });

  it('refuses a forged or missing signature with 403, and nothing else happens', async () => {
    gateway = await startGateway({ env: twilioOnly });
    const callSid = callSidFor(0xf06ed);
    const params = incomingCallParams(callSid, DEMO_PHONE_NUMBER);

    const forged = await twilioPosts(INCOMING, params, { authToken: 'not-the-auth-token' });
    expect(forged).toEqual({ status: 403, contentType: expect.stringMatching(/^text\/plain/), body: 'Forbidden' });
    const unsigned = await twilioPosts(INCOMING, params, { signature: '' });
    expect(unsigned.status).toBe(403);
    // A signed body that is then altered (another caller number) no longer matches.
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_BASE_URL}${INCOMING}`, params);
    const tampered = await twilioPosts(INCOMING, { ...params, From: '+15555550999' }, { signature });
    expect(tampered.status).toBe(403);
    // Another Twilio account, correctly signed with our token, is refused too.
    const otherAccount = await twilioPosts(INCOMING, { ...params, AccountSid: `AC${'f'.repeat(32)}` });
    expect(otherAccount.status).toBe(403);

    const messages = gateway.logs.map((line) => line['msg']);
    expect(messages.filter((message) => message === 'twilio webhook signature rejected')).toHaveLength(3);
    expect(messages).not.toContain('receptionist conversation started');
    expect(messages).not.toContain('incoming call: gather loop started');
    // No call was started for that CallSid: a genuine gather for it has to start the conversation afresh.
    await twilioPosts(GATHER, { ...params, SpeechResult: 'Hello?' });
    expect(gateway.logs.map((line) => line['msg'])).toContain('gather for an unknown call: conversation restarted');
  });

  it('checks the signature over PUBLIC_BASE_URL, never over the URL or Host the request arrived with', async () => {
    gateway = await startGateway({ env: twilioOnly });
    const params = incomingCallParams(callSidFor(0x9409), DEMO_PHONE_NUMBER);
    const internalUrl = gateway.http(INCOMING);

    // Behind Fly's proxy: Twilio signed https://<public>/..., the app receives http://<internal>/...
    expect((await twilioPosts(INCOMING, params)).status).toBe(200);
    // Twilio signs the query string too; it is kept.
    const withQuery = `${INCOMING}?source=fly`;
    expect((await twilioPosts(withQuery, params)).status).toBe(200);
    // A signature over the URL the app saw is not Twilio's.
    expect((await postTwilioWebhook(internalUrl, internalUrl, params)).status).toBe(403);
    // Forwarded headers are not trusted to rebuild the URL.
    const spoofed = await postTwilioWebhook(internalUrl, `https://attacker.example${INCOMING}`, params, {
      headers: { 'x-forwarded-host': 'attacker.example', 'x-forwarded-proto': 'https' },
    });
    expect(spoofed.status).toBe(403);
  });

  it('validates a direct deployment, where the public URL is the gateway itself', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    gateway = await startGateway({ env: { ...twilioOnly, PORT: String(port), PUBLIC_BASE_URL: origin } });
    const params = incomingCallParams(callSidFor(0xd1ec7), DEMO_PHONE_NUMBER);

    const direct = await postTwilioWebhook(gateway.http(INCOMING), `${origin}${INCOMING}`, params);
    expect(direct.status).toBe(200);
    expect(direct.body).toContain(`action="${origin}${GATHER}"`);
    expect((await postTwilioWebhook(gateway.http(INCOMING), `${PUBLIC_BASE_URL}${INCOMING}`, params)).status).toBe(403);
  });

  it('finishes a gather call in progress at shutdown, so it is logged', async () => {
    gateway = await startGateway({ env: { ...twilioOnly, SHUTDOWN_GRACE_MS: '200' } });
    const callSid = callSidFor(0xd2a1);
    await twilioPosts(INCOMING, incomingCallParams(callSid, DEMO_PHONE_NUMBER));
    await twilioPosts(GATHER, { ...incomingCallParams(callSid, DEMO_PHONE_NUMBER), SpeechResult: 'What are your hours?' });

    await gateway.close();
    const record = await readEmbeddedRecords(gateway.dataDir, async ({ callLog }) => callLog.findCall(callSid));
    expect(record).toMatchObject({ callId: callSid, channel: 'twilio' });
    expect(record?.transcript[1]).toEqual({ speaker: 'caller', text: 'What are your hours?' });
  });

  it('serves no Twilio endpoint when Twilio is not configured', async () => {
    gateway = await startGateway();
    const params = incomingCallParams(callSidFor(0x0ff), DEMO_PHONE_NUMBER);
    expect((await twilioPosts(INCOMING, params)).status).toBe(404);
    expect(await upgrade(gateway.ws('/voice-agent/media-stream'))).toMatchObject({ open: false, status: 404 });
  });

  it('on the gather path, serves no media stream endpoint', async () => {
    gateway = await startGateway({ env: twilioOnly });
    expect(await upgrade(gateway.ws('/voice-agent/media-stream'))).toMatchObject({ open: false, status: 404 });
    expect(gateway.logs.some((line) => line['level'] === 'warn' && line['variable'] === 'VOICE_STREAM_SECRET')).toBe(false);
  });
});
