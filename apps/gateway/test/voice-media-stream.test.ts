import { DEMO_FRONT_DESK_NUMBER, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import { VoicePhrases, type Clock } from '@crowndesk/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { readEmbeddedRecords } from './support/embedded-records';
import { makeDataDir, removeDataDir } from './support/test-gateway';
import { CallerScript } from './support/voice-caller-script';
import { TTS_API_KEY, TTS_VOICE_ID, type ElevenLabsTtsStandIn } from './support/voice-elevenlabs-tts';
import { PUBLIC_BASE_URL, VoiceGateway } from './support/voice-gateway';
import { REALTIME_API_KEY } from './support/voice-openai-realtime';
import {
  CALLER_NUMBER,
  callSidFor,
  incomingCallParams,
  postTwilioWebhook,
  streamOf,
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN,
  TwilioMediaStream,
  type StreamEvent,
} from './support/voice-twilio-caller';
import { basicAuth, mockTwilioRest } from './support/voice-twilio-rest';
import { MULAW_FRAME_BYTES, toneFrames } from '@crowndesk/testing';

/** Tuesday 24 November 2026, 10:00 in New York (the demo practice's zone): 2 December is next week. */
const fixedClock: Clock = { now: () => new Date('2026-11-24T15:00:00Z') };
const GREETING = [
  'Thank you for calling Bright Smile Dental,',
  'this is Ava, the virtual receptionist.',
  'How can I help you today?',
];
const callUpdateUrl = (callSid: string) => `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}/Calls/${callSid}.json`;

const rest = mockTwilioRest();

/** How many 20 ms frames a clause's audio fills (the last one padded with silence). */
function framesOf(tts: ElevenLabsTtsStandIn, text: string): number {
  return Math.ceil(tts.audioFor(text).length / MULAW_FRAME_BYTES);
}

function mediaAfterLastClear(timeline: readonly StreamEvent[]): number {
  const clear = timeline.findLastIndex((event) => event.kind === 'clear');
  return timeline.slice(clear + 1).filter((event) => event.kind === 'media').length;
}

describe('a Twilio call on the media-stream path (OpenAI listens, ElevenLabs speaks, both loopback stand-ins)', () => {
  let rig: VoiceGateway | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
    if (dataDir) await removeDataDir(dataDir);
    dataDir = undefined;
  });

  it('books a cleaning end to end: paced 160-byte frames with a mark per clause, the booking and the call record in SQLite', async () => {
    dataDir = await makeDataDir();
    rig = await VoiceGateway.start({
      dataDir,
      clock: fixedClock,
      env: { ELEVENLABS_MODEL_ID: 'eleven_turbo_v2_5', ELEVENLABS_STABILITY: '0.4', ELEVENLABS_SIMILARITY_BOOST: '0.8' },
    });
    const callSid = callSidFor(0xb00c);
    const call = await rig.dial(callSid);
    const { stream, recognition } = call;
    stream.autoPlay = true;
    const caller = new CallerScript(call, rig.tts);

    expect(await caller.agentSays('How can I help you today?')).toBe(GREETING.join(' '));
    // The greeting: each clause's audio exactly as ElevenLabs sent it, cut into 20 ms frames, then its mark.
    const firstClause = rig.tts.audioFor(GREETING[0]!);
    expect(stream.timeline.slice(0, framesOf(rig.tts, GREETING[0]!) + 1).map((event) => event.kind)).toEqual([
      ...Array<string>(framesOf(rig.tts, GREETING[0]!)).fill('media'),
      'mark',
    ]);
    const played = Buffer.concat(stream.audioFrames.slice(0, framesOf(rig.tts, GREETING[0]!)));
    expect(played.subarray(0, firstClause.length).equals(firstClause)).toBe(true);
    expect([...played.subarray(firstClause.length)].every((byte) => byte === 0xff)).toBe(true);
    expect(stream.marksReceived).toEqual(['t1c0', 't1c1', 't1c2']);
    expect(stream.audioFrames).toHaveLength(GREETING.reduce((total, clause) => total + framesOf(rig!.tts, clause), 0));
    expect(rig.tts.requests[0]).toEqual({
      voiceId: TTS_VOICE_ID,
      outputFormat: 'ulaw_8000',
      apiKey: TTS_API_KEY,
      contentType: 'application/json',
      body: { text: GREETING[0], model_id: 'eleven_turbo_v2_5', voice_settings: { stability: 0.4, similarity_boost: 0.8 } },
    });

    // The caller's audio reaches the recognizer byte for byte, as the session.update announced it: mu-law.
    expect(recognition.sessionUpdate).toMatchObject({
      type: 'session.update',
      session: { type: 'transcription', audio: { input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad' } } } },
    });
    const callerAudio = toneFrames(25, 300);
    stream.speak(callerAudio);
    await recognition.heardAudio(25 * MULAW_FRAME_BYTES);
    expect(Buffer.concat(recognition.audio).equals(Buffer.concat(callerAudio))).toBe(true);

    const offer = await caller.say("Hi, I'd like to book a cleaning on Wednesday, December 2nd at 10 am.", 'Would you like that one?');
    expect(offer).toContain('Wednesday, December 2 at 10 AM with Jordan Lee is open.');
    expect(await caller.say('Yes, that works.', 'please?')).toContain('first and last name');
    expect(await caller.say('Ada Lovelace', 'date of birth?')).toContain('Thank you, Ada.');
    expect(await caller.say('December 10, 1985', 'Shall I book it?')).toContain('a cleaning on Wednesday, December 2 at 10 AM');
    const booked = await caller.say('Yes, please book it.', 'anything else I can help you with?');
    expect(booked).toContain("I've booked a cleaning on Wednesday, December 2 at 10 AM with Jordan Lee.");
    const farewell = await caller.say("No, that's all. Goodbye.", 'Have a great day!');
    expect(farewell).toBe('Thank you for calling Bright Smile Dental. Have a great day!');

    // The farewell was heard (its mark came back): the call is hung up over Twilio's REST API.
    await stream.until(() => rest.updates.length === 1, 'the hang-up request');
    expect(rest.updates[0]).toEqual({
      url: callUpdateUrl(callSid),
      authorization: basicAuth(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN),
      form: { Status: 'completed' },
    });
    stream.stop();
    expect(await stream.closed).toMatchObject({ code: 1000 });
    await rig.close();
    const logs = rig.gateway.logs;
    rig = undefined;

    expect(stream.violations).toEqual([]);
    expect(stream.marksPlayed).toEqual(stream.marksReceived);
    const stored = await readEmbeddedRecords(dataDir, async (records) => {
      const [patient, ...others] = await records.patientsNamed('Ada Lovelace', '1985-12-10');
      if (!patient) throw new Error('the new patient was not registered');
      return { others, appointments: await records.appointmentsOf(patient.id), call: records.callLog.findCall(callSid) };
    });
    expect(stored.others).toEqual([]);
    expect(stored.appointments).toHaveLength(1);
    const appointment = stored.appointments[0]!;
    expect(appointment).toMatchObject({ typeCode: 'cleaning', status: 'scheduled', start: expect.stringMatching(/^2026-12-02T15:00/) });
    expect(stored.call).toMatchObject({
      callId: callSid,
      practiceId: 'bright-smile',
      channel: 'twilio',
      outcome: 'booked',
      callerNumber: CALLER_NUMBER,
      appointmentIds: [appointment.id],
    });
    // What the caller heard, turn by turn: the recognizer's finals and every agent clause whose mark came back.
    expect(stored.call?.transcript.slice(0, 3)).toEqual([
      { speaker: 'agent', text: GREETING.join(' ') },
      { speaker: 'caller', text: "Hi, I'd like to book a cleaning on Wednesday, December 2nd at 10 am." },
      { speaker: 'agent', text: offer },
    ]);
    // The greeting, then six caller lines each answered; the last one the farewell.
    expect(stored.call?.transcript).toHaveLength(13);
    expect(stored.call?.transcript.at(-1)).toEqual({ speaker: 'agent', text: farewell });

    // Names, dates of birth, phone numbers and speech went through the gateway; none reached the logs.
    expect(JSON.stringify(logs)).not.toMatch(/Ada|Lovelace|1985|December 10|5555550142|book a cleaning/);
    expect(JSON.stringify(logs)).not.toContain(REALTIME_API_KEY);
  });

  it('barge-in: caller speech mid-clause sends clear; only the clauses played before it count as heard', async () => {
    dataDir = await makeDataDir();
    // The greeting's second clause lasts 3 s: the caller speaks up well inside it, however slow the machine.
    const long = (text: string) => (text === GREETING[1] ? 24_000 : 800) - 37;
    rig = await VoiceGateway.start({ dataDir, clock: fixedClock, tts: { audioBytes: long } });
    const callSid = callSidFor(0xba26e);
    const call = await rig.dial(callSid);
    const { stream, recognition } = call;
    stream.autoPlay = true;

    await stream.until(() => stream.marksReceived.length === 1 && stream.timeline.at(-1)?.kind === 'media', 'the second clause to start playing');
    const itemId = recognition.speechStarted();
    await stream.until(() => stream.clears === 1, 'the clear');
    recognition.final(itemId, 'Where are you located?');
    // The answer is turn 2; its clauses are the synthesis requests that are not the greeting's.
    await stream.until(() => rig!.tts.texts().some((text) => !GREETING.includes(text)), 'the answer to start');
    const firstClause = rig.tts.texts().findIndex((text) => !GREETING.includes(text));
    const answer = await new CallerScript(call, rig.tts, { turn: 2, firstClause }).agentSays('120 Main Street');

    // The greeting stopped mid-clause: no mark for the cut clause, nothing of the third clause played, and
    // everything sent after the clear is the answer.
    expect(stream.marksReceived.filter((name) => name.startsWith('t1'))).toEqual(['t1c0']);
    const answerClauses = rig.tts.texts().slice(firstClause);
    expect(answer).toBe(answerClauses.join(' '));
    expect(mediaAfterLastClear(stream.timeline)).toBe(answerClauses.reduce((total, clause) => total + framesOf(rig!.tts, clause), 0));
    expect(rig.gateway.logs.some((line) => line['msg'] === 'agent interrupted' && line['reason'] === 'caller_speech')).toBe(true);

    stream.stop();
    await stream.closed;
    await rig.close();
    rig = undefined;
    const record = await readEmbeddedRecords(dataDir, async ({ callLog }) => callLog.findCall(callSid));
    expect(record?.transcript.slice(0, 3)).toEqual([
      { speaker: 'agent', text: GREETING[0] },
      { speaker: 'caller', text: 'Where are you located?' },
      { speaker: 'agent', text: answer },
    ]);
  });

  it('DTMF 0 says so and transfers to the front desk over REST, to the allowlisted number only', async () => {
    dataDir = await makeDataDir();
    rig = await VoiceGateway.start({ dataDir, clock: fixedClock });
    const callSid = callSidFor(0xd7f0);
    const call = await rig.dial(callSid);
    call.stream.autoPlay = true;
    const caller = new CallerScript(call, rig.tts);
    await caller.agentSays('How can I help you today?');

    call.stream.dtmf('0');
    expect(await caller.agentSays('front desk now.')).toBe(VoicePhrases.transferToStaff);
    await call.stream.until(() => rest.updates.length === 1, 'the transfer request');
    expect(rest.updates[0]).toEqual({
      url: callUpdateUrl(callSid),
      authorization: basicAuth(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN),
      form: { Twiml: `<?xml version="1.0" encoding="UTF-8"?><Response><Dial>${DEMO_FRONT_DESK_NUMBER}</Dial></Response>` },
    });
    // Replacing the call's TwiML ends the stream: Twilio stops it.
    call.stream.stop();
    await call.stream.closed;
    await rig.close();
    rig = undefined;
    const record = await readEmbeddedRecords(dataDir, async ({ callLog }) => callLog.findCall(callSid));
    expect(record).toMatchObject({ channel: 'twilio', outcome: 'transferred' });
    expect(record?.transcript.at(-1)).toEqual({ speaker: 'agent', text: VoicePhrases.transferToStaff });
  });

  it('refuses a stream whose token was tampered with (4401) before any recognizer session or audio', async () => {
    rig = await VoiceGateway.start();
    const callSid = callSidFor(0xf0);
    const path = '/api/voice-agent/incoming';
    const answer = await postTwilioWebhook(rig.gateway.http(path), `${PUBLIC_BASE_URL}${path}`, incomingCallParams(callSid, DEMO_PHONE_NUMBER));
    const twiml = streamOf(answer.body);
    expect(twiml.url).toBe('wss://voice.crowndesk.test/voice-agent/media-stream');
    expect(Object.keys(twiml.parameters).sort()).toEqual(['callSid', 'callerNumber', 'practiceId', 'streamToken']);
    const token = twiml.parameters['streamToken']!;
    const forged = { ...twiml, parameters: { ...twiml.parameters, streamToken: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` } };

    const stream = await TwilioMediaStream.connect(rig.gateway.ws(''), forged, { callSid });
    expect(await stream.closed).toMatchObject({ code: 4401 });
    expect(rig.stt.sessions).toHaveLength(0);
    expect(rig.tts.requests).toHaveLength(0);
    expect(stream.audioFrames).toHaveLength(0);
    // VOICE_STREAM_SECRET unset in embedded mode: a per-process secret, and a warning saying so.
    expect(rig.gateway.logs.some((line) => line['level'] === 'warn' && line['variable'] === 'VOICE_STREAM_SECRET')).toBe(true);
  });

  it('shutdown closes a live stream with 1001 after the grace period, and the call is recorded', async () => {
    dataDir = await makeDataDir();
    rig = await VoiceGateway.start({ dataDir, clock: fixedClock, env: { SHUTDOWN_GRACE_MS: '300' } });
    const callSid = callSidFor(0x5d);
    const call = await rig.dial(callSid);
    call.stream.autoPlay = true;
    await new CallerScript(call, rig.tts).agentSays('How can I help you today?');

    const closing = rig.gateway.close();
    const refused = await fetch(rig.gateway.http('/health/ready'));
    expect(refused.status).toBe(503);
    expect(await call.stream.closed).toMatchObject({ code: 1001 });
    await closing;
    await rig.stt.close();
    await rig.tts.close();
    rig = undefined;
    const record = await readEmbeddedRecords(dataDir, async ({ callLog }) => callLog.findCall(callSid));
    expect(record).toMatchObject({ callId: callSid, channel: 'twilio', transcript: [{ speaker: 'agent', text: GREETING.join(' ') }] });
  });
});
