import { describe, expect, it } from 'vitest';
import { VoicePhrases } from '@crowndesk/domain';
import { endCall, FRONT_DESK_NUMBER, say, scripted, speak, transferTo, type TurnScript } from '@crowndesk/testing';
import { CALL_SID } from './support/twilio-rest';
import { callParams, gatherSaying, SAY, WebhookFixture, XML_HEAD, xmlText } from './support/webhooks';

const GREETING = { speaker: 'agent', text: 'Hello, how can I help?' } as const;

async function answeredCall(scripts: TurnScript[] = [], config = {}) {
  const fixture = new WebhookFixture({ speechPath: 'gather', ...config });
  fixture.conversations.scripts.push(...scripts);
  await fixture.post('incoming', callParams());
  return fixture;
}

const speech = (text: string) => callParams({ CallStatus: 'in-progress', SpeechResult: text, Confidence: '0.91' });
const silence = () => callParams({ CallStatus: 'in-progress' });

describe('gather fallback loop', () => {
  it("feeds the caller's speech to the conversation and answers with Say inside the next Gather", async () => {
    const fixture = await answeredCall([speak('Sure, ', 'which day suits you?')]);
    const response = await fixture.post('gather', speech('I need a cleaning'));
    expect(response.body).toBe(gatherSaying('Sure, which day suits you?'));
    const conversation = fixture.conversations.only();
    expect(conversation.turns).toHaveLength(1);
    expect(conversation.turns[0]).toMatchObject({
      reminder: false,
      transcript: [GREETING, { speaker: 'caller', text: 'I need a cleaning' }],
    });
  });

  it('keeps one conversation when Twilio retries the incoming webhook', async () => {
    const fixture = await answeredCall();
    const retry = await fixture.post('incoming', callParams());
    expect(retry.body).toContain('Hello, how can I help?');
    expect(fixture.conversations.started).toHaveLength(1);
    expect(fixture.webhooks.activeGatherCalls()).toBe(1);
  });

  it('keeps the transcript across turns: what the caller said and what was said back', async () => {
    const fixture = await answeredCall([speak('Which day?'), speak('Tuesday works.')]);
    await fixture.post('gather', speech('A cleaning please'));
    await fixture.post('gather', speech('Tuesday'));
    expect(fixture.conversations.only().turns[1]?.transcript).toEqual([
      GREETING,
      { speaker: 'caller', text: 'A cleaning please' },
      { speaker: 'agent', text: 'Which day?' },
      { speaker: 'caller', text: 'Tuesday' },
    ]);
  });

  it('dials the allowlisted staff number on transfer and logs the call', async () => {
    const fixture = await answeredCall([scripted(say('Let me transfer you.'), transferTo(FRONT_DESK_NUMBER))]);
    const response = await fixture.post('gather', speech('Can I talk to a person?'));
    expect(response.body).toBe(`${XML_HEAD}<Response>${SAY}Let me transfer you.</Say><Dial>${FRONT_DESK_NUMBER}</Dial></Response>`);
    const conversation = fixture.conversations.only();
    expect(conversation.finishes).toEqual([
      [GREETING, { speaker: 'caller', text: 'Can I talk to a person?' }, { speaker: 'agent', text: 'Let me transfer you.' }],
    ]);
    expect(fixture.webhooks.activeGatherCalls()).toBe(0);
  });

  it('never dials a number outside the practice allowlist', async () => {
    const fixture = await answeredCall([scripted(say('Connecting you.'), transferTo('+19005551234'))]);
    const response = await fixture.post('gather', speech('Transfer me'));
    expect(response.body).toBe(gatherSaying(`Connecting you. ${VoicePhrases.transferFailed}`));
    expect(response.body).not.toContain('<Dial>');
    expect(fixture.logger.messages('error')).toContain('refusing to transfer to a number outside the practice allowlist');
    expect(fixture.conversations.only().finishes).toEqual([]);
  });

  it('says goodbye and hangs up on end_call, then logs the call once', async () => {
    const fixture = await answeredCall([scripted(say('Goodbye!'), endCall)]);
    const response = await fixture.post('gather', speech("That's all, thanks"));
    expect(response.body).toBe(`${XML_HEAD}<Response>${SAY}Goodbye!</Say><Hangup/></Response>`);
    await fixture.post('status', callParams({ CallStatus: 'completed' }));
    expect(fixture.conversations.only().finishes).toHaveLength(1);
  });

  it('answers an empty result with a reminder turn', async () => {
    const fixture = await answeredCall([speak('Are you still there?')]);
    const response = await fixture.post('gather', silence());
    expect(response.body).toBe(gatherSaying('Are you still there?'));
    expect(fixture.conversations.only().turns[0]).toMatchObject({ reminder: true, transcript: [GREETING] });
  });

  it('ends the call politely after too many silent gathers in a row', async () => {
    const fixture = await answeredCall([speak('Hello?'), speak('Are you there?')], { maxSilentGathers: 2 });
    await fixture.post('gather', silence());
    await fixture.post('gather', silence());
    const response = await fixture.post('gather', silence());
    expect(response.body).toBe(`${XML_HEAD}<Response>${SAY}${xmlText(VoicePhrases.silenceGoodbye)}</Say><Hangup/></Response>`);
    const conversation = fixture.conversations.only();
    expect(conversation.turns).toHaveLength(2);
    expect(conversation.finishes[0]?.at(-1)).toEqual({ speaker: 'agent', text: VoicePhrases.silenceGoodbye });
  });

  it('resets the silence count when the caller speaks', async () => {
    const fixture = await answeredCall([], { maxSilentGathers: 1 });
    await fixture.post('gather', silence());
    await fixture.post('gather', speech('Sorry, yes'));
    const response = await fixture.post('gather', silence());
    expect(response.body).toContain('<Gather');
  });

  it('finishes the conversation once when the status callback reports the call over', async () => {
    const fixture = await answeredCall([speak('Which day?')]);
    await fixture.post('gather', speech('A cleaning'));
    const first = await fixture.post('status', callParams({ CallStatus: 'completed' }));
    await fixture.post('status', callParams({ CallStatus: 'completed' }));
    expect(first).toEqual({ status: 200, contentType: 'text/xml', body: `${XML_HEAD}<Response/>` });
    const conversation = fixture.conversations.only();
    expect(conversation.finishes).toEqual([
      [GREETING, { speaker: 'caller', text: 'A cleaning' }, { speaker: 'agent', text: 'Which day?' }],
    ]);
    expect(fixture.webhooks.activeGatherCalls()).toBe(0);
  });

  it('ignores status callbacks that are not final', async () => {
    const fixture = await answeredCall();
    await fixture.post('status', callParams({ CallStatus: 'in-progress' }));
    expect(fixture.conversations.only().finishes).toEqual([]);
    expect(fixture.webhooks.activeGatherCalls()).toBe(1);
  });

  it('picks an unknown call up again from the dialled number', async () => {
    const fixture = new WebhookFixture({ speechPath: 'gather' });
    fixture.conversations.scripts.push(speak('Sure.'));
    const response = await fixture.post('gather', speech('Hello?'));
    expect(response.body).toBe(gatherSaying('Sure.'));
    expect(fixture.conversations.only().session.callId).toBe(CALL_SID);
    expect(fixture.conversations.only().turns[0]?.transcript).toEqual([{ speaker: 'caller', text: 'Hello?' }]);
    expect(fixture.logger.messages('warn')).toContain('gather for an unknown call: conversation restarted');
  });

  it('hangs up on a gather for an unknown call to a number no practice owns', async () => {
    const fixture = new WebhookFixture({ speechPath: 'gather' });
    const response = await fixture.post('gather', { ...speech('Hello?'), To: '+15550002222' });
    expect(response.body).toContain('<Hangup/>');
    expect(fixture.conversations.started).toEqual([]);
  });

  it('apologises and listens again when the turn takes too long', async () => {
    const stall: TurnScript = async function* (turn) {
      yield say('Let me ');
      await new Promise<void>((resolve) => turn.signal.addEventListener('abort', () => resolve(), { once: true }));
    };
    const fixture = await answeredCall([stall], { gatherTurnTimeoutMs: 150 });
    const response = await fixture.post('gather', speech('Book me in'));
    expect(response.body).toBe(gatherSaying("I'm sorry, that took me too long. Could you say that again?"));
    expect(fixture.conversations.only().turns[0]?.signal.aborted).toBe(true);
    expect(fixture.logger.messages('warn')).toContain('gather turn timed out');
  });

  it('apologises and listens again when the turn fails', async () => {
    const failing: TurnScript = async function* () {
      yield say('One');
      throw new Error('model down');
    };
    const fixture = await answeredCall([failing]);
    const response = await fixture.post('gather', speech('Book me in'));
    expect(response.body).toBe(gatherSaying("I'm sorry, something went wrong on my side. Could you say that again?"));
    expect(fixture.logger.messages('error')).toContain('gather turn failed');
  });

  it('finishes every gather call on drain', async () => {
    const fixture = await answeredCall();
    await fixture.webhooks.drain();
    expect(fixture.conversations.only().finishes).toEqual([[GREETING]]);
    expect(fixture.webhooks.activeGatherCalls()).toBe(0);
  });

  it('never logs what the caller said', async () => {
    const fixture = await answeredCall([speak('Sure.')]);
    await fixture.post('gather', speech('My date of birth is March third'));
    expect(fixture.logger.dump()).not.toContain('March third');
  });
});
