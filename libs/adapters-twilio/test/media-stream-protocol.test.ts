import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { say, scripted, toneFrames } from '@crowndesk/testing';
import { STREAM_CLOSE_CODES } from '../src';
import { eventually, MediaHarness } from './support/media-harness';
import { CALL_SID } from './support/twilio-rest';

const OTHER_CALL = 'CA22222222222222222222222222222222';
const TONE = toneFrames(1)[0]!;

describe('media stream: malformed frames close only their own stream', () => {
  let harness: MediaHarness;
  beforeEach(async () => {
    harness = await new MediaHarness({ handler: { maxFrameBytes: 4_096 } }).start();
  });
  afterEach(() => harness.stop());

  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

  it.each([
    ['not JSON', (send: (data: string) => void) => send('{"event":"media",'), STREAM_CLOSE_CODES.invalidPayload, 'invalid JSON'],
    ['no event name', (send: (data: string) => void) => send('{"streamSid":"x"}'), STREAM_CLOSE_CODES.invalidPayload, 'frame without an event name'],
    [
      'a media payload that is not base64',
      (send: (data: string) => void, sid: string) => send(JSON.stringify({ event: 'media', streamSid: sid, media: { track: 'inbound', payload: '%%%' } })),
      STREAM_CLOSE_CODES.invalidPayload,
      'invalid media frame at media.payload',
    ],
    [
      'a mark without its name',
      (send: (data: string) => void, sid: string) => send(JSON.stringify({ event: 'mark', streamSid: sid, mark: {} })),
      STREAM_CLOSE_CODES.invalidPayload,
      'invalid mark frame at mark.name',
    ],
    [
      'a dtmf frame with a bad digit',
      (send: (data: string) => void, sid: string) => send(JSON.stringify({ event: 'dtmf', streamSid: sid, dtmf: { digit: '12' } })),
      STREAM_CLOSE_CODES.invalidPayload,
      'invalid dtmf frame at dtmf.digit',
    ],
    [
      'media for another stream',
      (send: (data: string) => void) => send(JSON.stringify({ event: 'media', streamSid: 'MZ-other', media: { payload: base64(TONE) } })),
      STREAM_CLOSE_CODES.protocolViolation,
      'frame for another stream',
    ],
    [
      'a second start',
      (send: (data: string) => void, sid: string) =>
        send(
          JSON.stringify({
            event: 'start',
            streamSid: sid,
            start: { streamSid: sid, accountSid: 'AC1', callSid: 'CA1', customParameters: {}, mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
          }),
        ),
      STREAM_CLOSE_CODES.protocolViolation,
      'unexpected start frame',
    ],
    ['an oversized frame', (send: (data: string) => void) => send(JSON.stringify({ event: 'x', pad: 'a'.repeat(5_000) })), STREAM_CLOSE_CODES.tooBig, 'frame too large'],
  ])('%s: closes that stream while another call goes on', async (_name, sendBad, code, reason) => {
    harness.conversations.defaultScript = scripted(say('Sure, I can help with that.'));
    const healthy = await harness.startCall(OTHER_CALL, 'MZ00000000000000000000000000000002');
    const broken = await harness.startCall(CALL_SID);
    await broken.untilMarks(1);

    sendBad((data) => broken.sendRaw(data), broken.streamSid);
    expect(await broken.closed).toEqual({ code, reason });
    const brokenCall = harness.conversations.conversations.find((conversation) => conversation.session.callId === CALL_SID)!;
    await eventually(() => brokenCall.finishes.length === 1, 'the broken call to finish');

    await healthy.untilMarks(1);
    healthy.autoPlay = true;
    healthy.playAll();
    const session = await harness.recognizer.session(0);
    session.emitOnAudio({ type: 'final', text: 'I need a cleaning' });
    healthy.media(TONE);
    await healthy.untilMarks(2);
    expect(healthy.isOpen).toBe(true);
    expect(harness.handler.activeStreams()).toBe(1);
  });

  it('refuses binary frames with 1003', async () => {
    const stream = await harness.startCall();
    stream.sendRaw(Buffer.from(TONE), true);
    expect(await stream.closed).toEqual({ code: STREAM_CLOSE_CODES.unsupportedData, reason: 'binary frames are not supported' });
  });

  it('ignores events it does not know and outbound-track media', async () => {
    const stream = await harness.startCall();
    stream.sendJson({ event: 'something_new', streamSid: stream.streamSid });
    stream.sendJson({ event: 'media', streamSid: stream.streamSid, media: { track: 'outbound', payload: base64(TONE) } });
    stream.media(TONE);
    const session = await harness.recognizer.session();
    await eventually(() => session.audio.length === 1, 'the inbound audio');
    expect(stream.isOpen).toBe(true);
    expect(harness.logger.messages('debug')).toContain('unknown media stream event ignored');
  });

  it('ignores marks it never sent', async () => {
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    stream.echoMark('not-ours');
    stream.playAll();
    stream.stop(CALL_SID);
    await eventually(() => harness.conversations.only().finishes.length === 1, 'the call to finish');
    expect(harness.conversations.only().finishes[0]).toEqual([{ speaker: 'agent', text: 'Hello, how can I help?' }]);
  });
});

describe('media stream: shutdown', () => {
  it('counts live streams and drains them: every call finishes, every socket closes with the code', async () => {
    const harness = await new MediaHarness().start();
    const first = await harness.startCall(CALL_SID);
    const second = await harness.startCall(OTHER_CALL, 'MZ00000000000000000000000000000002');
    expect(harness.handler.activeStreams()).toBe(2);
    await harness.handler.drain(4000);
    expect(await first.closed).toEqual({ code: 4000, reason: 'server shutting down' });
    expect(await second.closed).toEqual({ code: 4000, reason: 'server shutting down' });
    expect(harness.conversations.conversations.map((conversation) => conversation.finishes.length)).toEqual([1, 1]);
    expect(harness.handler.activeStreams()).toBe(0);
    const late = await harness.connect();
    expect(await late.closed).toEqual({ code: STREAM_CLOSE_CODES.goingAway, reason: 'server shutting down' });
    await harness.stop();
    expect(harness.conversations.conversations.map((conversation) => conversation.finishes.length)).toEqual([1, 1]);
  });
});
