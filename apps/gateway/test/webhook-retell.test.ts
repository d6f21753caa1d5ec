import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER, DEMO_PRACTICE_ID } from '@crowndesk/adapters-sqlite';
import { RETELL_WEBHOOK_MAX_BODY_BYTES, signRetellWebhook } from '@crowndesk/adapters-retell';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetellCallClient } from '../src/cli/simulator/retell-call-client';
import { eventually, RETELL_TEST_API_KEY, storedCall } from './support/backend-gateway';
import { CALLER_NUMBER } from './support/retell-peer';
import { removeDataDir, startTestGateway, type TestGateway } from './support/test-gateway';
import { postRetellWebhook, retellWebhookBody, WEBHOOK_CALLER_NUMBER, type RetellCallFacts } from './support/webhook-retell';
import { gatewayPerSuite } from './support/gateway-lifecycle';

const SIX_MINUTES_MS = 6 * 60_000;

function facts(callId: string): RetellCallFacts {
  return {
    callId,
    startMs: Date.now() - 120_000,
    durationMs: 95_000,
    utterances: [
      { role: 'agent', content: 'Thank you for calling Bright Smile Dental.' },
      { role: 'user', content: 'What are your opening hours?' },
      { role: 'agent', content: 'We are open Monday to Friday, 8 AM to 5 PM.' },
    ],
    summary: 'The caller asked for the opening hours.',
  };
}

const signed = () => ({ apiKey: RETELL_TEST_API_KEY, signedAt: new Date() });

describe('Retell post-call webhooks through the gateway (embedded mode)', () => {
  let gateway: TestGateway;
  let api: string;
  const acknowledgedInMs: number[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { RETELL_API_KEY: RETELL_TEST_API_KEY }, overrides: { retellFinishGraceMs: 50 } });
    api = gateway.http('');
  });

  afterAll(async () => {
    await gateway.close();
    await removeDataDir(gateway.dataDir);
    const sorted = [...acknowledgedInMs].sort((a, b) => a - b);
    console.info(
      `[webhook-retell] ${sorted.length} deliveries answered; median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, ` +
        `max ${sorted.at(-1)?.toFixed(1)} ms`,
    );
  });

  async function deliver(body: Buffer, signing: Parameters<typeof postRetellWebhook>[2] = signed()) {
    const reply = await postRetellWebhook(api, body, signing);
    acknowledgedInMs.push(reply.durationMs);
    return reply;
  }

  it('accepts a validly signed call_ended and keeps the call record it carries', async () => {
    const reply = await deliver(retellWebhookBody('call_ended', facts('call_webhook_valid')));
    expect(reply).toMatchObject({ status: 200, body: { ok: true } });
    expect(reply.body.reason).toBeUndefined();
    const stored = storedCall(gateway.dataDir, 'call_webhook_valid');
    expect(stored.events).toEqual(['retell/call_ended']);
    expect(stored.record).toMatchObject({
      callId: 'call_webhook_valid',
      practiceId: DEMO_PRACTICE_ID,
      channel: 'retell',
      callerNumber: WEBHOOK_CALLER_NUMBER,
      transcript: [
        { speaker: 'agent', text: 'Thank you for calling Bright Smile Dental.' },
        { speaker: 'caller', text: 'What are your opening hours?' },
        { speaker: 'agent', text: 'We are open Monday to Friday, 8 AM to 5 PM.' },
      ],
    });
    expect(Date.parse(stored.record!.endedAt) - Date.parse(stored.record!.startedAt)).toBe(95_000);
  });

  it('answers a replay 200 "duplicate" and changes nothing', async () => {
    const body = retellWebhookBody('call_analyzed', facts('call_webhook_replay'));
    expect(await deliver(body)).toMatchObject({ status: 200, body: { ok: true } });
    const first = storedCall(gateway.dataDir, 'call_webhook_replay');
    expect(first.record?.summary).toBe('The caller asked for the opening hours.');

    const replay = await deliver(body);
    expect(replay).toMatchObject({ status: 200, body: { ok: true, reason: 'duplicate' } });
    expect(storedCall(gateway.dataDir, 'call_webhook_replay')).toEqual(first);
  });

  it.each([
    ['forged (signed with another key)', () => ({ apiKey: 'key_not_ours_0123456789', signedAt: new Date() })],
    ['stale (signed six minutes ago)', () => ({ apiKey: RETELL_TEST_API_KEY, signedAt: new Date(Date.now() - SIX_MINUTES_MS) })],
    ['from the future (six minutes ahead)', () => ({ apiKey: RETELL_TEST_API_KEY, signedAt: new Date(Date.now() + SIX_MINUTES_MS) })],
    ['unsigned', () => ({ signature: undefined })],
    ['signed in the wrong format', () => ({ signature: 'v=1700000000000,d=not-hex' })],
  ])('refuses a delivery that is %s with 401, writing nothing', async (_case, signing) => {
    const callId = `call_webhook_refused_${acknowledgedInMs.length}`;
    const reply = await deliver(retellWebhookBody('call_ended', facts(callId)), signing());
    expect(reply).toEqual({ status: 401, body: { ok: false, reason: 'invalid signature' }, durationMs: expect.any(Number) });
    expect(storedCall(gateway.dataDir, callId)).toEqual({ record: null, events: [] });
  });

  it('refuses a tampered body (the signature is of other bytes) with 401, writing nothing', async () => {
    const original = retellWebhookBody('call_ended', facts('call_webhook_tampered'));
    const signature = signRetellWebhook(original, RETELL_TEST_API_KEY, new Date());
    const tampered = Buffer.from(original.toString('utf8').replace(WEBHOOK_CALLER_NUMBER, '+15555550999'), 'utf8');
    expect(tampered.equals(original)).toBe(false);
    const reply = await deliver(tampered, { signature });
    expect(reply).toMatchObject({ status: 401, body: { ok: false, reason: 'invalid signature' } });
    expect(storedCall(gateway.dataDir, 'call_webhook_tampered')).toEqual({ record: null, events: [] });
  });

  it('refuses a body over the limit with a JSON 413 before reading it all', async () => {
    const padded = { ...JSON.parse(retellWebhookBody('call_ended', facts('call_webhook_huge')).toString('utf8')) };
    padded.call.transcript = 'x'.repeat(RETELL_WEBHOOK_MAX_BODY_BYTES);
    const reply = await deliver(Buffer.from(JSON.stringify(padded), 'utf8'));
    expect(reply).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    expect(storedCall(gateway.dataDir, 'call_webhook_huge')).toEqual({ record: null, events: [] });
  });

  it('acknowledges an event it does not record (transcript_updated) with 200, writing nothing', async () => {
    const reply = await deliver(retellWebhookBody('transcript_updated', facts('call_webhook_unknown')));
    expect(reply).toMatchObject({ status: 200, body: { ok: true, reason: 'event ignored' } });
    expect(storedCall(gateway.dataDir, 'call_webhook_unknown')).toEqual({ record: null, events: [] });
  });

  it('answers anything but POST with a JSON 405', async () => {
    const response = await fetch(`${api}/api/retell/webhook`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it("merges Retell's facts with our conversation's record of the same call, whichever lands first", async () => {
    const call = await RetellCallClient.connect({
      baseUrl: gateway.ws('/retell-llm'),
      callId: 'call_webhook_merged',
      agentId: DEMO_AGENT_ID,
      fromNumber: CALLER_NUMBER,
      toNumber: DEMO_PHONE_NUMBER,
    });
    await call.opening();
    await call.say('Where are you located?');
    await call.say("No, that's all. Goodbye.");
    await call.hangUp();
    // Retell reports the end at once, before our conversation finishes (after its reconnect grace).
    const ended = { ...facts('call_webhook_merged'), utterances: [] };
    expect(await deliver(retellWebhookBody('call_ended', ended))).toMatchObject({ status: 200 });
    await eventually(() => (storedCall(gateway.dataDir, 'call_webhook_merged').events.length === 2 ? true : undefined));
    expect(await deliver(retellWebhookBody('call_analyzed', ended))).toMatchObject({ status: 200 });

    const final = storedCall(gateway.dataDir, 'call_webhook_merged');
    expect([...final.events].sort()).toEqual(['conversation/finished', 'retell/call_analyzed', 'retell/call_ended']);
    expect(final.record).toMatchObject({
      channel: 'retell',
      outcome: 'information',
      // Our conversation's transcript (Retell's was empty here), the caller's number as Retell first reported it.
      transcript: expect.arrayContaining([{ speaker: 'caller', text: 'Where are you located?' }]),
      callerNumber: WEBHOOK_CALLER_NUMBER,
      summary: 'The caller asked for the opening hours.',
    });
  });
});

describe('the Retell webhook without RETELL_API_KEY', () => {
  const gateway = gatewayPerSuite();

  it('answers 503 and accepts nothing it cannot verify', async () => {
    const body = retellWebhookBody('call_ended', facts('call_webhook_unverifiable'));
    const reply = await postRetellWebhook(gateway.http(''), body, { apiKey: RETELL_TEST_API_KEY, signedAt: new Date() });
    expect(reply).toMatchObject({ status: 503, body: { ok: false, reason: 'webhook verification not configured' } });
    expect(storedCall(gateway.dataDir, 'call_webhook_unverifiable')).toEqual({ record: null, events: [] });
    expect(gateway.logs.some((line) => line['msg'] === 'retell webhook refused: RETELL_API_KEY is not set, so it cannot be verified')).toBe(true);
  });
});
