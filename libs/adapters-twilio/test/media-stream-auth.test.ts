import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STREAM_CLOSE_CODES } from '../src';
import { MediaHarness, PRACTICE_ID } from './support/media-harness';
import { CALL_SID } from './support/twilio-rest';

const OTHER_CALL = 'CA11111111111111111111111111111111';

describe('media stream authentication', () => {
  let harness: MediaHarness;
  beforeEach(async () => {
    harness = await new MediaHarness({ handler: { startTimeoutMs: 300 } }).start();
  });
  afterEach(() => harness.stop());

  it('starts the call for a valid stream token: conversation, recognizer and greeting', async () => {
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    expect(harness.conversations.started).toEqual([
      expect.objectContaining({ callId: CALL_SID, channel: 'twilio', callerNumber: '+15557654321' }),
    ]);
    expect(harness.conversations.started[0]?.practice.id).toBe(PRACTICE_ID);
    expect(harness.recognizer.sessions.map((session) => session.callId)).toEqual([CALL_SID]);
    expect(stream.frames().length).toBeGreaterThan(0);
  });

  async function expectRejected(customParameters: Record<string, string>, callSid = CALL_SID, reason?: string) {
    const stream = await harness.connect();
    stream.start({ callSid, customParameters });
    expect(await stream.closed).toEqual({ code: STREAM_CLOSE_CODES.unauthorized, reason: 'stream token rejected' });
    expect(harness.conversations.started).toEqual([]);
    expect(harness.recognizer.sessions).toEqual([]);
    expect(harness.directory.lookups).toEqual([]);
    expect(stream.received).toEqual([]);
    if (reason) expect(harness.logger.entries.find((entry) => entry.message === 'media stream token rejected')?.fields['reason']).toBe(reason);
  }

  it('closes with 4401 when the token has expired', async () => {
    const parameters = harness.parametersFor();
    harness.now += 121_000;
    await expectRejected(parameters, CALL_SID, 'expired');
  });

  it('closes with 4401 when the token is forged', async () => {
    const parameters = harness.parametersFor();
    const forged = `${parameters['streamToken']!.slice(0, -4)}AAAA`;
    await expectRejected({ ...parameters, streamToken: forged }, CALL_SID, 'bad_signature');
  });

  it("closes with 4401 when another call's token and parameters are replayed on this call", async () => {
    await expectRejected(harness.parametersFor(OTHER_CALL), CALL_SID, 'wrong_call');
  });

  it('closes with 4401 when the parameters are changed to name this call', async () => {
    await expectRejected({ ...harness.parametersFor(OTHER_CALL), callSid: CALL_SID }, CALL_SID, 'bad_signature');
  });

  it('closes with 4401 when the practice in the parameters is swapped', async () => {
    await expectRejected({ ...harness.parametersFor(), practiceId: 'practice-other' }, CALL_SID, 'bad_signature');
  });

  it('closes with 4401 when there is no token at all', async () => {
    const { streamToken: _dropped, ...parameters } = harness.parametersFor();
    await expectRejected(parameters, CALL_SID, 'missing_parameters');
  });

  it('closes with 4400 when media arrives before start', async () => {
    const stream = await harness.connect();
    stream.connected();
    stream.media(new Uint8Array(160));
    expect(await stream.closed).toEqual({ code: STREAM_CLOSE_CODES.protocolViolation, reason: 'media before start' });
    expect(harness.conversations.started).toEqual([]);
  });

  it('closes with 4408 when no start frame comes in time', async () => {
    const stream = await harness.connect();
    stream.connected();
    expect(await stream.closed).toEqual({ code: STREAM_CLOSE_CODES.startTimeout, reason: 'no start frame in time' });
    expect(harness.handler.activeStreams()).toBe(0);
  });

  it('closes a second stream for a call that already has one with 4409', async () => {
    const first = await harness.startCall();
    const second = await harness.connect();
    second.start({ callSid: CALL_SID, customParameters: harness.parametersFor() });
    expect(await second.closed).toEqual({ code: STREAM_CLOSE_CODES.duplicateStream, reason: 'the call already has a stream' });
    expect(first.isOpen).toBe(true);
    expect(harness.conversations.started).toHaveLength(1);
  });

  it('closes with 4404 when the practice of a valid token no longer exists', async () => {
    harness.directory.byPracticeId.clear();
    const stream = await harness.connect();
    stream.start({ callSid: CALL_SID, customParameters: harness.parametersFor() });
    expect(await stream.closed).toEqual({ code: STREAM_CLOSE_CODES.practiceNotFound, reason: 'practice not found' });
    expect(harness.conversations.started).toEqual([]);
  });

  it('closes with 4415 when the audio is not 8 kHz mu-law', async () => {
    const stream = await harness.connect();
    stream.start({
      callSid: CALL_SID,
      customParameters: harness.parametersFor(),
      mediaFormat: { encoding: 'audio/l16', sampleRate: 16000, channels: 1 },
    });
    expect(await stream.closed).toEqual({ code: STREAM_CLOSE_CODES.unsupportedMedia, reason: 'unsupported media format' });
  });
});
