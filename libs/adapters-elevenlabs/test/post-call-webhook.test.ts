import { beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '@crowndesk/domain';
import { ManualClock, RecordingLogger } from '@crowndesk/testing';
import type { ElevenLabsCallDetails } from '../src';
import { ConversationSessions, PostCallWebhookHandler } from '../src';
import { CALL_START_SECONDS, CONVERSATION_ID, transcriptionEvent } from './support/post-call-events';
import { BRIGHT_SMILE_NUMBER, brightSmile, practiceDirectory } from './support/practices';
import { inbound } from './support/requests';
import { signatureFor, WEBHOOK_SECRET } from './support/webhook-signing';

const NOW_SECONDS = CALL_START_SECONDS + 300;

function harness() {
  const clock = new ManualClock(new Date(NOW_SECONDS * 1000));
  const ended: { record: CallRecord; details: ElevenLabsCallDetails }[] = [];
  const deliveries: string[] = [];
  const seen = new Set<string>();
  const directory = practiceDirectory();
  const sessions = new ConversationSessions({ clock });
  const logger = new RecordingLogger();
  const control = { failRecording: false };
  const handler = new PostCallWebhookHandler({
    webhookSecret: WEBHOOK_SECRET,
    directory,
    // The durable store's contract, in memory: true exactly once per key.
    isFirstDelivery: async (key) => {
      deliveries.push(key);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    onCallEnded: async (record, details) => {
      if (control.failRecording) throw new Error('database is locked');
      ended.push({ record, details });
    },
    sessions,
    clock,
    logger,
  });
  return { handler, ended, deliveries, directory, sessions, logger, control };
}

function signed(event: unknown, timestamp = NOW_SECONDS - 5) {
  const body = JSON.stringify(event);
  return inbound(body, { 'ElevenLabs-Signature': signatureFor(body, timestamp), 'content-type': 'application/json' });
}

describe('PostCallWebhookHandler', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it('turns a signed post_call_transcription into one call record for the agent\'s practice', async () => {
    const response = await h.handler.handle(signed(transcriptionEvent()));

    expect(response).toEqual({ status: 200, body: { received: true, processed: true, callId: CONVERSATION_ID } });
    expect(h.ended).toHaveLength(1);
    expect(h.ended[0]?.record).toEqual({
      callId: CONVERSATION_ID,
      practiceId: brightSmile.id,
      channel: 'elevenlabs',
      callerNumber: '+15557654321',
      startedAt: '2030-01-07T14:30:00.000Z',
      endedAt: '2030-01-07T14:31:35.000Z',
      transcript: [
        { speaker: 'agent', text: 'Thanks for calling Bright Smile Dental.' },
        { speaker: 'caller', text: 'Hi, this is Maria Gonzalez, I need to cancel.' },
        { speaker: 'agent', text: 'Your cleaning on Monday is cancelled.' },
      ],
      outcome: 'no_action',
      summary: 'Maria called to cancel her cleaning; it was cancelled.',
      appointmentIds: [],
    });
    expect(h.ended[0]?.details).toEqual({ agentId: 'agent_01brightsmile', durationSeconds: 95, sessionFound: false });
    expect(h.deliveries).toEqual([`elevenlabs:post_call_transcription:${CONVERSATION_ID}`]);
  });

  it('takes the outcome and appointments from the conversation\'s tool session, then forgets it', async () => {
    const session = h.sessions.sessionFor({ practice: brightSmile, conversationId: CONVERSATION_ID });
    session.outcomes.push('information', 'cancelled');
    session.appointmentIds.push('appointment-1', 'appointment-1');

    await h.handler.handle(signed(transcriptionEvent({ summary: null })));

    expect(h.ended[0]?.record).toMatchObject({ outcome: 'cancelled', appointmentIds: ['appointment-1'] });
    expect(h.ended[0]?.record.summary).toBeUndefined();
    expect(h.ended[0]?.details.sessionFound).toBe(true);
    expect(h.sessions.find(brightSmile.id, CONVERSATION_ID)).toBeUndefined();
  });

  it('acknowledges a replayed delivery without recording the call twice', async () => {
    const first = await h.handler.handle(signed(transcriptionEvent()));
    const replay = await h.handler.handle(signed(transcriptionEvent(), NOW_SECONDS - 1));

    expect(first.status).toBe(200);
    expect(replay).toEqual({ status: 200, body: { received: true, processed: false, reason: 'duplicate delivery' } });
    expect(h.ended).toHaveLength(1);
  });

  it('rejects a forged signature with 401 and records nothing', async () => {
    const body = JSON.stringify(transcriptionEvent());
    const forged = inbound(body, { 'ElevenLabs-Signature': signatureFor(body, NOW_SECONDS, 'an-attackers-own-secret') });

    expect(await h.handler.handle(forged)).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'signature mismatch' } });
    expect(h.ended).toHaveLength(0);
    expect(h.deliveries).toHaveLength(0);
  });

  it('rejects a tampered body with 401', async () => {
    const body = JSON.stringify(transcriptionEvent());
    const tampered = body.replace('agent_01brightsmile', 'agent_02harborview');
    const request = inbound(tampered, { 'ElevenLabs-Signature': signatureFor(body, NOW_SECONDS) });

    expect((await h.handler.handle(request)).status).toBe(401);
    expect(h.ended).toHaveLength(0);
  });

  it('rejects stale and future timestamps with 401', async () => {
    const stale = await h.handler.handle(signed(transcriptionEvent(), NOW_SECONDS - 31 * 60));
    const future = await h.handler.handle(signed(transcriptionEvent(), NOW_SECONDS + 10 * 60));

    expect(stale).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'signature stale' } });
    expect(future).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'signature future' } });
    expect(h.ended).toHaveLength(0);
  });

  it('rejects a delivery without the signature header with 401', async () => {
    const response = await h.handler.handle(inbound(JSON.stringify(transcriptionEvent())));
    expect(response).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'signature missing' } });
  });

  it('answers 400 to a validly signed body that is not JSON', async () => {
    const body = '{"type":"post_call_transcription",';
    const response = await h.handler.handle(inbound(body, { 'ElevenLabs-Signature': signatureFor(body, NOW_SECONDS) }));
    expect(response).toEqual({ status: 400, body: { error: 'bad_request', reason: 'body is not valid JSON' } });
    expect(h.ended).toHaveLength(0);
  });

  it('answers 400 naming the field paths, never the values, of a payload it cannot read', async () => {
    const event = transcriptionEvent();
    const broken = { ...event, data: { ...event.data, metadata: { call_duration_secs: 'Maria Gonzalez' } } };

    const response = await h.handler.handle(signed(broken));

    expect(response.status).toBe(400);
    expect(response.body['reason']).toContain('data.metadata');
    expect(JSON.stringify(response)).not.toContain('Maria');
    expect(h.logger.dump()).not.toContain('Maria');
  });

  it('acknowledges other event types without processing them', async () => {
    const audio = { type: 'post_call_audio', data: { agent_id: 'agent_01brightsmile', conversation_id: CONVERSATION_ID, full_audio: 'AAAA' } };
    expect(await h.handler.handle(signed(audio))).toEqual({ status: 200, body: { received: true, processed: false, reason: 'event type not handled' } });
    expect(h.ended).toHaveLength(0);
  });

  it('acknowledges and ignores calls of agents that serve no practice (the webhook is workspace-wide)', async () => {
    const event = transcriptionEvent({ agentId: 'agent_someone_else' });
    const unknown = { ...event, data: { ...event.data, metadata: { ...event.data.metadata, phone_call: null } } };

    expect(await h.handler.handle(signed(unknown))).toEqual({ status: 200, body: { received: true, processed: false, reason: 'agent serves no practice' } });
    expect(h.ended).toHaveLength(0);
    expect(h.deliveries).toHaveLength(0);
  });

  it('falls back to the called number when the agent is not in the directory', async () => {
    await h.handler.handle(signed(transcriptionEvent({ agentId: 'agent_renamed' })));

    expect(h.directory.lookups).toEqual(['agent:agent_renamed', `phone:${BRIGHT_SMILE_NUMBER}`]);
    expect(h.ended[0]?.record.practiceId).toBe(brightSmile.id);
  });

  it('answers 500 when the call record cannot be saved', async () => {
    h.control.failRecording = true;
    const response = await h.handler.handle(signed(transcriptionEvent()));
    expect(response).toEqual({ status: 500, body: { error: 'record_failed', reason: 'the call record could not be saved' } });
    expect(h.logger.entries.find((entry) => entry.level === 'error')?.fields).toMatchObject({ conversationId: CONVERSATION_ID, errorName: 'Error' });
  });

  it('answers 503 when the practice directory is down, before consuming the delivery', async () => {
    h.directory.failure = new Error('connection refused');
    expect((await h.handler.handle(signed(transcriptionEvent()))).status).toBe(503);
    expect(h.deliveries).toHaveLength(0);
  });

  it('never logs transcript text, names or phone numbers', async () => {
    await h.handler.handle(signed(transcriptionEvent()));
    const logged = h.logger.dump();
    expect(logged).not.toContain('Maria');
    expect(logged).not.toContain('cancelled.');
    expect(logged).not.toContain('+1555');
    expect(h.logger.messages()).toEqual(['elevenlabs call recorded']);
  });

  it('fails loudly when mounted behind a JSON body parser', async () => {
    const request = { rawBody: { type: 'post_call_transcription' } as unknown as Buffer, headers: {} };
    expect((await h.handler.handle(request)).status).toBe(500);
  });
});
