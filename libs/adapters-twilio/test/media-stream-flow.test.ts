import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationTurn } from '@crowndesk/domain';
import { Gate, say, toneFrames, type TurnScript } from '@crowndesk/testing';
import type { FakeTwilioStream } from './support/fake-twilio-stream';
import { ManualPlaybackClock } from './support/manual-clock';
import { eventually, MediaHarness } from './support/media-harness';
import type { ScriptedRecognitionSession } from './support/speech-doubles';
import { CALL_SID, mockTwilioRest } from './support/twilio-rest';

const rest = mockTwilioRest();
const GREETING = 'Hello, how can I help?';
const TONE = toneFrames(1)[0]!;

/** Speaks `texts`, then keeps the model turn open until `gate` opens or the turn is aborted. */
function streamUntil(gate: Gate, before: string[], after: string[] = []): TurnScript {
  return async function* (turn: ConversationTurn) {
    for (const text of before) yield say(text);
    const aborted = new Promise<void>((resolve) => turn.signal.addEventListener('abort', () => resolve(), { once: true }));
    await Promise.race([gate.opened, aborted]);
    if (turn.signal.aborted) return;
    for (const text of after) yield say(text);
  };
}

/** The caller says `text`: the recognizer reports it once the next caller audio arrives over the stream. */
function callerSays(stream: FakeTwilioStream, session: ScriptedRecognitionSession, text: string): void {
  session.emitOnAudio({ type: 'speech_started' }, { type: 'final', text });
  stream.media(TONE);
}

/** Clause marker bytes of the audio frames, run-length encoded: "1x3" is three frames of clause 1. */
function audioRuns(timeline: string[]): string[] {
  const runs: string[] = [];
  for (const entry of timeline) {
    const last = runs.at(-1);
    const match = last?.match(/^(audio:\d+)x(\d+)$/);
    if (entry.startsWith('audio:') && match && match[1] === entry) runs[runs.length - 1] = `${entry}x${Number(match[2]) + 1}`;
    else runs.push(entry.startsWith('audio:') ? `${entry}x1` : entry);
  }
  return runs;
}

describe('media stream: listening, speaking and turn-taking', () => {
  let harness: MediaHarness;
  beforeEach(async () => {
    rest.install();
    harness = await new MediaHarness().start();
  });
  afterEach(() => harness.stop());

  it('greets in 160-byte frames followed by a mark, and feeds caller audio to the recognizer', async () => {
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    // 400 bytes of speech: two whole frames and one padded with mu-law silence.
    expect(audioRuns(stream.timeline())).toEqual(['audio:1x3', 'mark:t1c0']);
    expect(stream.frames().every((frame) => frame.length === 160)).toBe(true);
    expect([...stream.frames()[2]!.subarray(80)].every((byte) => byte === 0xff)).toBe(true);
    expect(harness.synthesizer.texts()).toEqual([GREETING]);

    const tone = toneFrames(5);
    for (const frame of tone) stream.media(frame);
    const session = await harness.recognizer.session();
    await eventually(() => session.audio.length === 5, 'caller audio at the recognizer');
    expect(session.audio.map((chunk) => Buffer.from(chunk))).toEqual(tone.map((frame) => Buffer.from(frame)));
  });

  it('speaks the first clause before the conversation has finished streaming its reply', async () => {
    const gate = new Gate();
    harness.conversations.scripts.push(streamUntil(gate, ['Sure, I can book that for you. '], ['Which day works best?']));
    const stream = await harness.startCall();
    stream.autoPlay = true;
    await stream.untilMarks(1);
    stream.playAll();
    callerSays(stream, await harness.recognizer.session(), 'I need a cleaning');

    await stream.until(() => stream.marks().includes('t2c0'), 'the first clause');
    // The model is still streaming (the gate is closed), yet the first clause has been spoken.
    expect(audioRuns(stream.timeline())).toEqual(['audio:1x3', 'mark:t1c0', 'audio:2x3', 'mark:t2c0']);
    gate.open();
    await stream.untilMarks(3);
    expect(audioRuns(stream.timeline())).toEqual(['audio:1x3', 'mark:t1c0', 'audio:2x3', 'mark:t2c0', 'audio:3x3', 'mark:t2c1']);
    expect(harness.synthesizer.texts()).toEqual([GREETING, 'Sure, I can book that for you.', 'Which day works best?']);
  });

  it('sends clause after clause in order, 160-byte frames, each clause followed by its mark', async () => {
    harness.synthesizer.bytesPerClause = 1_600; // 10 frames per clause
    harness.conversations.greeting = () => 'Welcome to the practice. How can I help you today?';
    const stream = await harness.startCall();
    await stream.untilMarks(2);
    expect(audioRuns(stream.timeline())).toEqual(['audio:1x10', 'mark:t1c0', 'audio:2x10', 'mark:t1c1']);
    expect(stream.frames()).toHaveLength(20);
    expect(stream.frames().every((frame) => frame.length === 160)).toBe(true);
  });

  it('builds the transcript from final caller utterances and the clauses whose marks came back', async () => {
    harness.conversations.scripts.push(async function* () {
      yield say('Sure, I can help with that.');
      yield say(' What is your date of birth?');
    });
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    stream.play(); // the greeting was heard
    callerSays(stream, await harness.recognizer.session(), 'I want to book a cleaning');
    await stream.untilMarks(3);
    stream.play(); // only the first clause of the reply has played when the caller hangs up
    stream.stop(CALL_SID);
    await stream.closed;
    const conversation = harness.conversations.only();
    await eventually(() => conversation.finishes.length === 1, 'the call to finish');
    expect(conversation.finishes[0]).toEqual([
      { speaker: 'agent', text: GREETING },
      { speaker: 'caller', text: 'I want to book a cleaning' },
      { speaker: 'agent', text: 'Sure, I can help with that.' },
    ]);
    expect(conversation.turns[0]?.transcript).toEqual([
      { speaker: 'agent', text: GREETING },
      { speaker: 'caller', text: 'I want to book a cleaning' },
    ]);
  });

  it('barge-in: clears playback, aborts the model turn and synthesis, keeps only heard clauses', async () => {
    harness.conversations.scripts.push(streamUntil(new Gate(), ['Sure, I can book that for you.', ' We have Monday at nine. ']));
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    stream.play();
    const session = await harness.recognizer.session();
    callerSays(stream, session, 'I need a cleaning');
    await stream.until(() => stream.marks().includes('t2c1'), 'both clauses sent');
    stream.play(); // t2c0 played: "Sure, I can book that for you." was heard

    session.emitOnAudio({ type: 'speech_started' });
    stream.media(TONE);
    await stream.until(() => stream.timeline().includes('clear'), 'a clear');
    const modelTurn = harness.conversations.only().turns[0]!;
    await eventually(() => modelTurn.signal.aborted, 'the model turn to be aborted');
    expect(harness.synthesizer.requests.slice(1).every((request) => request.signal.aborted)).toBe(true);

    session.emitOnAudio({ type: 'final', text: 'Actually, Thursday' });
    stream.media(TONE);
    await stream.untilMarks(4);
    const conversation = harness.conversations.only();
    expect(conversation.turns[1]?.transcript).toEqual([
      { speaker: 'agent', text: GREETING },
      { speaker: 'caller', text: 'I need a cleaning' },
      { speaker: 'agent', text: 'Sure, I can book that for you.' },
      { speaker: 'caller', text: 'Actually, Thursday' },
    ]);
    expect(audioRuns(stream.timeline())).toEqual([
      'audio:1x3', 'mark:t1c0', 'audio:2x3', 'mark:t2c0', 'audio:3x3', 'mark:t2c1', 'clear', 'audio:4x3', 'mark:t3c0',
    ]);
    expect(harness.logger.messages('info')).toContain('agent interrupted');
  });

  it('barge-in in the middle of a clause still clears, and the cut clause is not heard', async () => {
    harness.synthesizer.bytesPerClause = 16_000; // 100 frames: two seconds of speech
    const stream = await harness.startCall();
    await stream.until(() => stream.frames().length >= 5, 'the greeting to start playing');
    const session = await harness.recognizer.session();
    session.emit({ type: 'speech_started' });
    await stream.until(() => stream.timeline().includes('clear'), 'a clear');
    const sentBeforeClear = stream.frames().length;
    expect(sentBeforeClear).toBeLessThan(100);
    expect(stream.marks()).toEqual([]);
    stream.stop(CALL_SID);
    const conversation = harness.conversations.only();
    await eventually(() => conversation.finishes.length === 1, 'the call to finish');
    expect(conversation.finishes[0]).toEqual([]);
    expect(stream.frames()).toHaveLength(sentBeforeClear);
  });

  it('finishes the conversation once, on stop, and closes the socket normally', async () => {
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    stream.play();
    stream.stop(CALL_SID);
    expect(await stream.closed).toEqual({ code: 1000, reason: 'stream stopped' });
    const conversation = harness.conversations.only();
    await eventually(() => conversation.finishes.length === 1, 'the call to finish');
    await harness.handler.drain();
    expect(conversation.finishes).toEqual([[{ speaker: 'agent', text: GREETING }]]);
    expect((await harness.recognizer.session()).closed).toBe(true);
    expect(harness.handler.activeStreams()).toBe(0);
  });

  it('finishes the conversation once when the socket drops without a stop', async () => {
    const stream = await harness.startCall();
    await stream.untilMarks(1);
    stream.terminate();
    const conversation = harness.conversations.only();
    await eventually(() => conversation.finishes.length === 1, 'the call to finish');
    await eventually(() => harness.handler.activeStreams() === 0, 'the stream to be gone');
    expect(conversation.finishes).toHaveLength(1);
  });

  it('never logs what was said or the caller number', async () => {
    harness.conversations.scripts.push(async function* () {
      yield say('Your appointment is confirmed.');
    });
    const stream = await harness.startCall();
    stream.autoPlay = true;
    await stream.untilMarks(1);
    stream.playAll();
    callerSays(stream, await harness.recognizer.session(), 'My name is Jane Roe');
    await stream.untilMarks(2);
    stream.stop(CALL_SID);
    await eventually(() => harness.conversations.only().finishes.length === 1, 'the call to finish');
    const logs = harness.logger.dump();
    for (const secret of ['Jane Roe', 'confirmed', GREETING, '+15557654321']) expect(logs).not.toContain(secret);
  });
});

describe('media stream: pacing', () => {
  const clock = new ManualPlaybackClock();
  let harness: MediaHarness;
  beforeEach(async () => {
    rest.install();
    harness = await new MediaHarness({ playbackClock: clock, voiceCall: { playbackLeadMs: 80 } }).start();
  });
  afterEach(() => harness.stop());

  it('keeps only the lead in Twilio\'s buffer and sends one frame per 20 ms of playback after that', async () => {
    harness.synthesizer.bytesPerClause = 1_600; // 10 frames: 200 ms of speech, synthesized at once
    const stream = await harness.startCall();
    // 80 ms of lead go out at once (the fifth frame is sent when exactly 80 ms are queued).
    await stream.until(() => stream.frames().length === 5, 'the lead');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.frames()).toHaveLength(5);
    await clock.advance(20);
    await stream.until(() => stream.frames().length === 6, 'one more frame after 20 ms');
    await clock.advance(40);
    await stream.until(() => stream.frames().length === 8, 'two more frames after 40 ms');
    expect(stream.marks()).toEqual([]);
    await clock.advance(40);
    await stream.untilMarks(1);
    expect(audioRuns(stream.timeline())).toEqual(['audio:1x10', 'mark:t1c0']);
  });
});
