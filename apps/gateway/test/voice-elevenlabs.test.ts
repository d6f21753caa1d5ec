import { createHmac } from 'node:crypto';
import {
  DEMO_AGENT_ID,
  DEMO_PHONE_NUMBER,
  openEmbeddedDatabase,
  SqliteCallEventInbox,
  SqliteCallLog,
} from '@crowndesk/adapters-sqlite';
import type { CallRecord, Clock } from '@crowndesk/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { postCallRecording } from '../src/features/elevenlabs/post-call-recording';
import { readEmbeddedRecords } from './support/embedded-records';
import { makeDataDir, removeDataDir } from './support/test-gateway';
import { gatewaysPerTest } from './support/gateway-lifecycle';
import { silentLogger } from '@crowndesk/testing';

/** Tuesday 24 November 2026, 10:00 in New York. */
const NOW = new Date('2026-11-24T15:00:00Z');
const fixedClock: Clock = { now: () => NOW };
const TOOL_KEY = 'elevenlabs-tool-key-0123456789';
const CALLBACK_KEY = 'elevenlabs-callback-key-0123456789';
const WEBHOOK_SECRET = 'wsec_elevenlabs-post-call-secret';
const CALLER = '+15555550142';

const elevenLabsEnv = {
  ELEVENLABS_TOOL_API_KEY: TOOL_KEY,
  ELEVENLABS_CALLBACK_API_KEY: CALLBACK_KEY,
  ELEVENLABS_WEBHOOK_SECRET: WEBHOOK_SECRET,
};

interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

async function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<JsonAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Headers ElevenLabs fills from its system variables, plus our workspace secret. */
function toolHeaders(conversationId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'x-api-key': TOOL_KEY,
    'x-crowndesk-agent-id': DEMO_AGENT_ID,
    'x-crowndesk-conversation-id': conversationId,
    'x-crowndesk-called-number': DEMO_PHONE_NUMBER,
    'x-crowndesk-caller-id': CALLER,
    ...overrides,
  };
}

function postCallPayload(conversationId: string): Record<string, unknown> {
  return {
    type: 'post_call_transcription',
    event_timestamp: Math.floor(NOW.getTime() / 1000),
    data: {
      agent_id: DEMO_AGENT_ID,
      conversation_id: conversationId,
      status: 'done',
      transcript: [
        { role: 'agent', message: 'Thank you for calling Bright Smile Dental.', time_in_call_secs: 0 },
        { role: 'user', message: 'I would like a cleaning on December 2 at 10.', time_in_call_secs: 4 },
        { role: 'agent', message: null, time_in_call_secs: 6 },
        { role: 'agent', message: 'You are booked.', time_in_call_secs: 30 },
      ],
      metadata: {
        start_time_unix_secs: Math.floor(NOW.getTime() / 1000) - 95,
        call_duration_secs: 90,
        phone_call: { direction: 'inbound', agent_number: DEMO_PHONE_NUMBER, external_number: CALLER },
      },
      analysis: { transcript_summary: 'The caller booked a cleaning.' },
    },
  };
}

/** `ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, computed independently. */
function signed(rawBody: string, secret = WEBHOOK_SECRET, at = NOW): Record<string, string> {
  const t = Math.floor(at.getTime() / 1000);
  const v0 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return { 'elevenlabs-signature': `t=${t},v0=${v0}` };
}

describe('ElevenLabs Conversational AI through the gateway', () => {
  const startGateway = gatewaysPerTest();

  it('runs a tool for the practice of the agent that was called, behind the secret header', async () => {
    const gateway = await startGateway({ env: elevenLabsEnv, overrides: { clock: fixedClock } });
    const url = gateway.http('/api/elevenlabs/tools/check_availability');
    const args = { appointment_type: 'cleaning', date: '2026-12-02', time: '10:00', practice_id: 'another-practice' };

    const answer = await postJson(url, args, toolHeaders('conv_tools_1'));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, tool: 'check_availability', appointmentType: 'cleaning' });
    expect(answer.body['slots']).toContainEqual(expect.objectContaining({ start: '2026-12-02T10:00', provider: 'Jordan Lee' }));

    expect(await postJson(url, args, toolHeaders('conv_tools_1', { 'x-api-key': 'a-wrong-key-0123456789' }))).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
    expect(await postJson(url, args, toolHeaders('conv_tools_1', { 'x-crowndesk-agent-id': 'agent_nobody', 'x-crowndesk-called-number': '+15555550777' }))).toMatchObject({
      status: 404,
      body: { error: 'unknown_agent' },
    });
    expect((await postJson(gateway.http('/api/elevenlabs/tools/transfer_to_staff'), {}, toolHeaders('conv_tools_1'))).status).toBe(404);
    expect(await postJson(url, '{"appointment_type": ', toolHeaders('conv_tools_1'))).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    expect((await fetch(url)).status).toBe(405);
    // The raw body is read under its own limit, and refused as JSON like every other oversized body.
    const oversized = await postJson(url, { appointment_type: 'x'.repeat(300 * 1024) }, toolHeaders('conv_tools_1'));
    expect(oversized).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
  });

  it('records a call from the post-call webhook with what its tool calls booked, once, and refuses a bad signature', async () => {
    const gateway = await startGateway({ env: elevenLabsEnv, overrides: { clock: fixedClock } });
    const conversationId = 'conv_books_cleaning';
    const booked = await postJson(
      gateway.http('/api/elevenlabs/tools/book_appointment'),
      { appointment_type: 'cleaning', start: '2026-12-02T10:00', full_name: 'Grace Hopper', date_of_birth: '1976-12-09' },
      toolHeaders(conversationId),
    );
    expect(booked).toMatchObject({ status: 200, body: { ok: true, tool: 'book_appointment', newPatient: true } });

    const rawBody = JSON.stringify(postCallPayload(conversationId));
    const url = gateway.http('/api/elevenlabs/post-call');
    expect(await postJson(url, rawBody, signed(rawBody, 'wsec_not-the-webhook-secret'))).toMatchObject({ status: 401 });
    expect(await postJson(url, `${rawBody} `, signed(rawBody))).toMatchObject({ status: 401 });
    expect(await postJson(url, rawBody, signed(rawBody))).toMatchObject({ status: 200, body: { processed: true, callId: conversationId } });
    // A replay changes nothing: the call log keeps one record per call.
    expect((await postJson(url, rawBody, signed(rawBody))).status).toBe(200);

    await gateway.close();
    const stored = await readEmbeddedRecords(gateway.dataDir, async (records) => {
      const [patient] = await records.patientsNamed('Grace Hopper', '1976-12-09');
      if (!patient) throw new Error('the tool call registered no patient');
      return { appointments: await records.appointmentsOf(patient.id), call: records.callLog.findCall(conversationId), calls: records.callLog.countCalls() };
    });
    expect(stored.calls).toBe(1);
    expect(stored.call).toEqual({
      callId: conversationId,
      practiceId: 'bright-smile',
      channel: 'elevenlabs',
      callerNumber: CALLER,
      startedAt: new Date(NOW.getTime() - 95_000).toISOString(),
      endedAt: new Date(NOW.getTime() - 5_000).toISOString(),
      transcript: [
        { speaker: 'agent', text: 'Thank you for calling Bright Smile Dental.' },
        { speaker: 'caller', text: 'I would like a cleaning on December 2 at 10.' },
        { speaker: 'agent', text: 'You are booked.' },
      ],
      outcome: 'booked',
      summary: 'The caller booked a cleaning.',
      appointmentIds: [stored.appointments[0]?.id],
    });
    expect(JSON.stringify(gateway.logs)).not.toMatch(/Grace|Hopper|1976|5555550142|cleaning on December/);
  });

  it('answers the conversation-initiation callback with the practice as dynamic variables', async () => {
    const gateway = await startGateway({ env: elevenLabsEnv, overrides: { clock: fixedClock } });
    const url = gateway.http('/api/elevenlabs/callback');
    const request = { caller_id: CALLER, agent_id: DEMO_AGENT_ID, called_number: DEMO_PHONE_NUMBER, call_sid: 'CA0123' };

    const answer = await postJson(url, request, { 'x-api-key': CALLBACK_KEY });
    expect(answer).toEqual({
      status: 200,
      body: {
        type: 'conversation_initiation_client_data',
        dynamic_variables: {
          practice_id: 'bright-smile',
          practice_name: 'Bright Smile Dental',
          practice_greeting: 'Thank you for calling Bright Smile Dental, this is Ava, the virtual receptionist. How can I help you today?',
          practice_address: '120 Main Street, Springfield',
          practice_time_zone: 'America/New_York',
          practice_local_time: 'Tuesday, November 24, 2026 at 10:00 AM',
        },
      },
    });
    // An agent we do not know, on the practice's number: the number decides.
    const byNumber = await postJson(url, { ...request, agent_id: 'agent_new' }, { 'x-api-key': CALLBACK_KEY });
    expect(byNumber.body['dynamic_variables']).toMatchObject({ practice_id: 'bright-smile' });
    expect(await postJson(url, { ...request, agent_id: 'agent_new', called_number: '+15555550777' }, { 'x-api-key': CALLBACK_KEY })).toMatchObject({
      status: 404,
      body: { error: 'unknown_agent' },
    });
    expect(await postJson(url, request, { 'x-api-key': TOOL_KEY })).toMatchObject({ status: 401 });
    expect(await postJson(url, request, {})).toMatchObject({ status: 401 });
    expect(await postJson(url, { caller_id: CALLER }, { 'x-api-key': CALLBACK_KEY })).toMatchObject({
      status: 400,
      body: { error: 'invalid_payload', reason: 'unexpected body at agent_id' },
    });
  });

  it('serves only the endpoints whose secret is configured', async () => {
    const gateway = await startGateway({ env: { ELEVENLABS_TOOL_API_KEY: TOOL_KEY } });
    expect((await postJson(gateway.http('/api/elevenlabs/callback'), {}, { 'x-api-key': CALLBACK_KEY })).status).toBe(404);
    expect((await postJson(gateway.http('/api/elevenlabs/post-call'), {}, {})).status).toBe(404);
    expect((await postJson(gateway.http('/api/elevenlabs/tools/get_practice_info'), {}, toolHeaders('conv_1'))).status).toBe(200);
  });
});

describe('the ElevenLabs call record through a CallEventInbox', () => {
  let dataDir: string | undefined;

  afterEach(async () => {
    if (dataDir) await removeDataDir(dataDir);
    dataDir = undefined;
  });

  it('is one elevenlabs event, merged into the call record once however often it is delivered', async () => {
    dataDir = await makeDataDir();
    const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, now: () => NOW });
    try {
      const inbox = new SqliteCallEventInbox(database);
      const recording = postCallRecording({ inbox }, fixedClock);
      const record: CallRecord = {
        callId: 'conv_inbox_1',
        practiceId: 'bright-smile',
        channel: 'elevenlabs',
        callerNumber: CALLER,
        startedAt: '2026-11-24T14:58:00.000Z',
        endedAt: '2026-11-24T14:59:30.000Z',
        transcript: [{ speaker: 'caller', text: 'Where are you?' }],
        outcome: 'information',
        summary: 'The caller asked for the address.',
        appointmentIds: [],
      };
      expect(await recording.isFirstDelivery('elevenlabs:post_call_transcription:conv_inbox_1')).toBe(true);
      await recording.onCallEnded(record, { agentId: DEMO_AGENT_ID, durationSeconds: 90, sessionFound: true });
      await recording.onCallEnded({ ...record, outcome: 'no_action', summary: 'replayed' }, { agentId: DEMO_AGENT_ID, durationSeconds: 90, sessionFound: false });

      expect(inbox.receivedEvents('conv_inbox_1')).toEqual([{ source: 'elevenlabs', event: 'post_call_transcription', receivedAt: NOW.toISOString() }]);
      expect(new SqliteCallLog(database).findCall('conv_inbox_1')).toMatchObject({
        channel: 'elevenlabs',
        outcome: 'information',
        summary: 'The caller asked for the address.',
        startedAt: record.startedAt,
        endedAt: record.endedAt,
      });
    } finally {
      database.close();
    }
  });
});
