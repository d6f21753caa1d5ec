import { afterEach, describe, expect, it } from 'vitest';
import { VoicePhrases } from '@crowndesk/domain';
import { endCall, FRONT_DESK_NUMBER, minimalPractice, say, scripted, toneFrames, transferTo } from '@crowndesk/testing';
import type { FakeTwilioStream } from './support/fake-twilio-stream';
import { eventually, MediaHarness, type HarnessOptions } from './support/media-harness';
import type { ScriptedRecognitionSession } from './support/speech-doubles';
import { ACCOUNT_SID, AUTH_TOKEN, basicAuth, CALL_SID, callUpdateUrl, mockTwilioRest } from './support/twilio-rest';

const rest = mockTwilioRest();
const TONE = toneFrames(1)[0]!;
const DIAL_FRONT_DESK = `<?xml version="1.0" encoding="UTF-8"?><Response><Dial>${FRONT_DESK_NUMBER}</Dial></Response>`;

function callerSays(stream: FakeTwilioStream, session: ScriptedRecognitionSession, text: string): void {
  session.emitOnAudio({ type: 'speech_started' }, { type: 'final', text });
  stream.media(TONE);
}

describe('media stream: transfer, hang-up and keypad', () => {
  let harness: MediaHarness;
  async function startHarness(options: HarnessOptions = {}) {
    rest.install();
    harness = await new MediaHarness(options).start();
    return harness;
  }
  afterEach(() => harness.stop());

  /** A call whose greeting has been heard, with marks echoed as soon as they arrive. */
  async function liveCall() {
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    stream.autoPlay = true;
    stream.playAll();
    return { stream, session: await harness.recognizer.session() };
  }

  it('DTMF 0: says so, then transfers to the front desk over REST, and logs the transfer', async () => {
    await startHarness();
    const { stream } = await liveCall();
    stream.dtmf('0');
    await eventually(() => rest.updates.length === 1, 'the transfer request');
    expect(rest.updates[0]).toEqual({
      url: callUpdateUrl(CALL_SID),
      authorization: basicAuth(ACCOUNT_SID, AUTH_TOKEN),
      contentType: 'application/x-www-form-urlencoded',
      form: { Twiml: DIAL_FRONT_DESK },
    });
    expect(harness.synthesizer.texts().slice(1)).toEqual(['Of course.', 'Let me connect you with our front desk now.']);
    // The REST call came after the caller heard the whole phrase.
    expect(stream.marks()).toEqual(['t1c0', 't2c0', 't2c1']);
    const conversation = harness.conversations.only();
    expect(conversation.session.outcomes).toEqual(['transferred']);
    // Twilio ends the stream once the call's TwiML is replaced.
    stream.stop(CALL_SID);
    await eventually(() => conversation.finishes.length === 1, 'the call to finish');
    expect(conversation.finishes[0]?.at(-1)).toEqual({ speaker: 'agent', text: VoicePhrases.transferToStaff });
  });

  it('ignores other keys', async () => {
    await startHarness();
    const { stream } = await liveCall();
    stream.dtmf('5');
    stream.dtmf('#');
    stream.media(TONE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rest.updates).toEqual([]);
    expect(harness.synthesizer.texts()).toHaveLength(1);
    expect(stream.isOpen).toBe(true);
  });

  it("transfers to the conversation's allowlisted number once the farewell has been heard", async () => {
    await startHarness();
    harness.conversations.scripts.push(scripted(say('Let me transfer you to our team now.'), transferTo(FRONT_DESK_NUMBER)));
    const { stream, session } = await liveCall();
    callerSays(stream, session, 'Can I talk to someone?');
    await eventually(() => rest.updates.length === 1, 'the transfer request');
    expect(rest.updates[0]?.form).toEqual({ Twiml: DIAL_FRONT_DESK });
  });

  it('hangs up only after the farewell mark came back', async () => {
    await startHarness();
    harness.conversations.scripts.push(scripted(say('Thanks for calling, goodbye!'), endCall));
    const { stream, session } = await liveCall();
    stream.autoPlay = false;
    callerSays(stream, session, "That's all");
    await stream.untilMarks(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rest.updates).toEqual([]);
    stream.play();
    await eventually(() => rest.updates.length === 1, 'the hang-up request');
    expect(rest.updates[0]).toMatchObject({ url: callUpdateUrl(CALL_SID), form: { Status: 'completed' } });
    stream.stop(CALL_SID);
    const conversation = harness.conversations.only();
    await eventually(() => conversation.finishes.length === 1, 'the call to finish');
    expect(conversation.finishes[0]?.at(-1)).toEqual({ speaker: 'agent', text: 'Thanks for calling, goodbye!' });
  });

  it('does not let the caller interrupt a farewell once the call is ending', async () => {
    await startHarness();
    harness.conversations.scripts.push(scripted(say('Thanks for calling, goodbye!'), endCall));
    const { stream, session } = await liveCall();
    stream.autoPlay = false;
    callerSays(stream, session, 'Bye');
    await stream.untilMarks(2);
    callerSays(stream, session, 'Oh wait');
    await eventually(() => session.audio.length === 2, 'the caller audio');
    stream.play();
    await eventually(() => rest.updates.length === 1, 'the hang-up request');
    expect(stream.timeline()).not.toContain('clear');
    expect(harness.conversations.only().turns).toHaveLength(1);
  });

  it('hangs up anyway when the farewell mark does not come back in time', async () => {
    await startHarness({ voiceCall: { farewellTimeoutMs: 100 } });
    harness.conversations.scripts.push(scripted(say('Goodbye!'), endCall));
    const { stream, session } = await liveCall();
    stream.autoPlay = false;
    callerSays(stream, session, 'Bye');
    await eventually(() => rest.updates.length === 1, 'the hang-up request');
    expect(harness.logger.messages('warn')).toContain('farewell not confirmed in time; moving the call anyway');
  });

  it('refuses a transfer to a number outside the allowlist and keeps the call going', async () => {
    await startHarness();
    harness.conversations.scripts.push(scripted(say('Connecting you now.'), transferTo('+19005550000')));
    const { stream, session } = await liveCall();
    callerSays(stream, session, 'Transfer me');
    await stream.untilMarks(4);
    expect(harness.synthesizer.texts().slice(-2).join(' ')).toBe(VoicePhrases.transferFailed);
    expect(rest.updates).toEqual([]);
    expect(harness.logger.messages('error')).toContain('refusing to transfer to a number outside the practice allowlist');
  });

  it('apologises and keeps listening when Twilio refuses the transfer', async () => {
    await startHarness();
    rest.respond.status = 400;
    rest.respond.body = { code: 21220, message: 'Call is not in-progress', status: 400 };
    harness.conversations.scripts.push(scripted(say('Let me transfer you.'), transferTo(FRONT_DESK_NUMBER)));
    const { stream, session } = await liveCall();
    callerSays(stream, session, 'A person please');
    await eventually(() => harness.synthesizer.texts().includes("I'm sorry, I couldn't connect you just now."), 'the apology');
    expect(rest.updates).toHaveLength(1);
    expect(harness.conversations.only().session.outcomes).toEqual([]);
    callerSays(stream, session, 'Okay, can I book instead?');
    await eventually(() => harness.conversations.only().turns.length === 2, 'the next turn');
  });

  it('closes the stream itself when Twilio refuses the hang-up (nothing follows the stream: the call ends)', async () => {
    await startHarness();
    rest.respond.status = 500;
    harness.conversations.scripts.push(scripted(say('Goodbye!'), endCall));
    const { stream, session } = await liveCall();
    callerSays(stream, session, 'Bye');
    expect(await stream.closed).toEqual({ code: 1000, reason: 'hang-up' });
    await eventually(() => harness.conversations.only().finishes.length === 1, 'the call to finish');
  });

  it('hands the caller to the front desk when the recognizer fails', async () => {
    await startHarness();
    const { session } = await liveCall();
    session.emit({ type: 'error', message: 'upstream closed' });
    await eventually(() => rest.updates.length === 1, 'the transfer request');
    expect(rest.updates[0]?.form).toEqual({ Twiml: DIAL_FRONT_DESK });
    expect(harness.synthesizer.texts().slice(1).join(' ')).toBe(VoicePhrases.troubleTransfer);
    expect(session.closed).toBe(true);
  });

  it('says goodbye and hangs up when the recognizer cannot open and there is no staff line', async () => {
    rest.install();
    harness = await new MediaHarness().start();
    harness.directory.add(minimalPractice('practice-bright', { transferTargets: [] }));
    harness.recognizer.failToOpen = new Error('no recognizer');
    const stream = await harness.connect();
    stream.autoPlay = true;
    stream.start({ callSid: CALL_SID, customParameters: harness.parametersFor() });
    await eventually(() => rest.updates.length === 1, 'the hang-up request');
    expect(rest.updates[0]?.form).toEqual({ Status: 'completed' });
    expect(harness.synthesizer.texts().slice(-3).join(' ')).toBe(VoicePhrases.troubleEnd);
  });

  it('prompts a silent caller, then ends the call politely', async () => {
    await startHarness({ voiceCall: { silenceReminderMs: 60, maxSilenceReminders: 1 } });
    harness.conversations.scripts.push(scripted(say('Are you still there?')));
    await liveCall();
    await eventually(() => rest.updates.length === 1, 'the hang-up request');
    const conversation = harness.conversations.only();
    expect(conversation.turns.map((turn) => turn.reminder)).toEqual([true]);
    expect(rest.updates[0]?.form).toEqual({ Status: 'completed' });
    expect(harness.synthesizer.texts().slice(1, 2)).toEqual(['Are you still there?']);
    expect(harness.synthesizer.texts().slice(2).join(' ')).toBe(VoicePhrases.silenceGoodbye);
  });
});
