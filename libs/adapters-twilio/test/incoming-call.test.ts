import { describe, expect, it } from 'vitest';
import { minimalPractice } from '@crowndesk/testing';
import { StreamTokens } from '../src';
import { CALLER_NUMBER, PRACTICE_NUMBER } from './support/phone-numbers';
import { CALL_SID } from './support/twilio-rest';
import { callParams, GATHER_OPEN, NOW, SAY, STREAM_SECRET, WebhookFixture, XML_HEAD } from './support/webhooks';

const tokens = new StreamTokens(STREAM_SECRET, 120, () => NOW);

describe('incoming call webhook', () => {
  it('connects the call to the media stream with its context as signed Parameters, not a query string', async () => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams());
    const token = tokens.issue({ callSid: CALL_SID, practiceId: 'practice-bright', callerNumber: CALLER_NUMBER });
    expect(response).toEqual({
      status: 200,
      contentType: 'text/xml',
      body:
        `${XML_HEAD}<Response><Connect><Stream url="wss://voice.example.com/voice-agent/media-stream">` +
        `<Parameter name="callSid" value="${CALL_SID}"/>` +
        `<Parameter name="practiceId" value="practice-bright"/>` +
        `<Parameter name="callerNumber" value="${CALLER_NUMBER}"/>` +
        `<Parameter name="streamToken" value="${token}"/>` +
        `</Stream></Connect></Response>`,
    });
    expect(response.body).not.toMatch(/media-stream\?/);
    expect(tokens.verify(token, { callSid: CALL_SID, practiceId: 'practice-bright', callerNumber: CALLER_NUMBER })).toEqual({ ok: true });
    // The stream starts the conversation, not the webhook.
    expect(fixture.conversations.started).toEqual([]);
  });

  it('never logs the caller or the dialled number', async () => {
    const fixture = new WebhookFixture();
    await fixture.post('incoming', callParams());
    const logs = fixture.logger.dump();
    expect(logs).not.toContain(CALLER_NUMBER);
    expect(logs).not.toContain(PRACTICE_NUMBER);
    expect(fixture.logger.entries.at(-1)).toMatchObject({
      message: 'incoming call: connecting media stream',
      fields: { callId: CALL_SID, practiceId: 'practice-bright' },
    });
  });

  it('apologises and hangs up for a number no practice owns', async () => {
    const fixture = new WebhookFixture();
    const response = await fixture.post('incoming', callParams({ To: '+15550002222' }));
    expect(response.body).toBe(
      `${XML_HEAD}<Response>${SAY}We're sorry, this number is not set up to take calls yet. Please try again later. Goodbye.</Say><Hangup/></Response>`,
    );
    expect(fixture.conversations.started).toEqual([]);
  });

  it('serves an unknown number with the fallback practice only when allowed', async () => {
    const refused = new WebhookFixture();
    refused.directory.fallbackPractice = minimalPractice('practice-demo');
    expect((await refused.post('incoming', callParams({ To: '+15550002222' }))).body).toContain('<Hangup/>');

    const allowed = new WebhookFixture({ allowFallbackPractice: true });
    allowed.directory.fallbackPractice = minimalPractice('practice-demo');
    const response = await allowed.post('incoming', callParams({ To: '+15550002222' }));
    expect(response.body).toContain('<Parameter name="practiceId" value="practice-demo"/>');
  });

  it('apologises and hangs up when the practice lookup fails', async () => {
    const fixture = new WebhookFixture();
    fixture.directory.byPhoneNumber = async () => {
      throw new Error('directory down');
    };
    const response = await fixture.post('incoming', callParams());
    expect(response.body).toBe(
      `${XML_HEAD}<Response>${SAY}We're sorry, we can't take your call right now. Please try again in a few minutes. Goodbye.</Say><Hangup/></Response>`,
    );
    expect(fixture.logger.messages('error')).toEqual(['practice lookup failed; refusing the call']);
  });

  it('without speech vendors, starts the conversation and greets inside a speech Gather', async () => {
    const fixture = new WebhookFixture({ speechPath: 'gather' });
    const response = await fixture.post('incoming', callParams());
    expect(response.body).toBe(`${XML_HEAD}<Response>${GATHER_OPEN}${SAY}Hello, how can I help?</Say></Gather></Response>`);
    expect(fixture.conversations.started).toEqual([
      { callId: CALL_SID, practice: minimalPractice('practice-bright'), channel: 'twilio', callerNumber: CALLER_NUMBER },
    ]);
    expect(fixture.webhooks.activeGatherCalls()).toBe(1);
  });

  it('refuses a media-stream configuration without a stream token secret', () => {
    expect(() => new WebhookFixture({ streamTokenSecret: undefined })).toThrow(/streamTokenSecret/);
    expect(() => new WebhookFixture({ publicBaseUrl: 'https://voice.example.com/base' })).toThrow(/origin/);
  });
});
