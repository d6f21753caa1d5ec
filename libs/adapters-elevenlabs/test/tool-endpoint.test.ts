import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, RecordingLogger } from '@crowndesk/testing';
import type { ToolCallRequest } from '../src';
import { ConversationSessions, ElevenLabsToolEndpoint } from '../src';
import { FakeToolRunner, MARIA } from './support/fake-tool-runner';
import { BRIGHT_SMILE_AGENT, BRIGHT_SMILE_NUMBER, brightSmile, HARBOR_VIEW_AGENT, harborView, practiceDirectory } from './support/practices';
import { inbound } from './support/requests';

const TOOL_KEY = 'tool_key_0123456789abcdef';
const CALLER = '+15557654321';

function harness() {
  const directory = practiceDirectory();
  const toolRunner = new FakeToolRunner();
  const sessions = new ConversationSessions({ clock: new ManualClock(new Date('2030-01-07T15:00:00Z')) });
  const logger = new RecordingLogger();
  const endpoint = new ElevenLabsToolEndpoint({ apiKey: TOOL_KEY, directory, toolRunner, sessions, logger });
  return { endpoint, directory, toolRunner, sessions, logger };
}

/** A tool call as ElevenLabs sends it: our headers filled from system variables, the LLM's arguments as the body. */
function toolCall(
  toolName: string,
  body: unknown,
  context: { agentId?: string; conversationId?: string; calledNumber?: string; callerId?: string; apiKey?: string | null } = {},
): ToolCallRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-crowndesk-agent-id': context.agentId ?? BRIGHT_SMILE_AGENT,
    'x-crowndesk-conversation-id': context.conversationId ?? 'conv_1',
    'x-crowndesk-called-number': context.calledNumber ?? BRIGHT_SMILE_NUMBER,
    'x-crowndesk-caller-id': context.callerId ?? CALLER,
  };
  if (context.apiKey !== null) headers['x-api-key'] = context.apiKey ?? TOOL_KEY;
  return { ...inbound(typeof body === 'string' ? body : JSON.stringify(body), headers), toolName };
}

const verify = { full_name: 'Maria Gonzalez', date_of_birth: MARIA.dateOfBirth };

describe('ElevenLabsToolEndpoint', () => {
  let h: ReturnType<typeof harness>;
  beforeEach(() => {
    h = harness();
  });

  it('runs the tool for the practice of the agent that was called and answers 200 with the ToolResult', async () => {
    const response = await h.endpoint.handle(toolCall('get_practice_info', { topic: 'hours' }));

    expect(response).toEqual({
      status: 200,
      body: { ok: true, tool: 'get_practice_info', topic: 'hours', answer: 'Bright Smile Dental is open.' },
    });
    expect(h.toolRunner.runs).toHaveLength(1);
    const run = h.toolRunner.runs[0]!;
    expect(run.call.name).toBe('get_practice_info');
    expect(run.arguments).toEqual({ topic: 'hours' });
    expect(run.session).toMatchObject({ callId: 'conv_1', channel: 'elevenlabs', callerNumber: CALLER });
    expect(run.session.practice.id).toBe(brightSmile.id);
  });

  it('refuses a missing or wrong API key with 401 before anything runs', async () => {
    const missing = await h.endpoint.handle(toolCall('get_practice_info', {}, { apiKey: null }));
    const wrong = await h.endpoint.handle(toolCall('get_practice_info', {}, { apiKey: 'tool_key_0123456789abcdeX' }));

    expect(missing).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'missing X-API-Key header' } });
    expect(wrong).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'invalid X-API-Key' } });
    expect(h.toolRunner.runs).toHaveLength(0);
    expect(h.directory.lookups).toHaveLength(0);
  });

  it('ignores a practice, patient or agent named in the body: the tenant comes from the agent header only', async () => {
    await h.endpoint.handle(
      toolCall('find_my_appointments', {
        ...verify,
        practice_id: harborView.id,
        practiceId: harborView.id,
        patient_id: 'patient-someone-else',
        agent_id: HARBOR_VIEW_AGENT,
        system__agent_id: HARBOR_VIEW_AGENT,
      }),
    );

    const run = h.toolRunner.runs[0]!;
    expect(run.session.practice.id).toBe(brightSmile.id);
    expect(run.arguments).toEqual(verify);
    expect(h.directory.lookups).toEqual([`agent:${BRIGHT_SMILE_AGENT}`]);
  });

  it('keeps the caller verified for the rest of the same conversation', async () => {
    const before = await h.endpoint.handle(toolCall('cancel_appointment', { appointment_ref: 'appt-1' }));
    const verified = await h.endpoint.handle(toolCall('find_my_appointments', verify));
    const after = await h.endpoint.handle(toolCall('cancel_appointment', { appointment_ref: 'appt-1' }));

    expect(before.body).toMatchObject({ ok: false, error: 'not_verified' });
    expect(verified.body).toMatchObject({ ok: true, tool: 'find_my_appointments' });
    expect(after.body).toMatchObject({ ok: true, tool: 'cancel_appointment' });
    expect(new Set(h.toolRunner.runs.map((run) => run.session)).size).toBe(1);
  });

  it('does not carry a verification into another conversation, nor to another agent using the same conversation id', async () => {
    await h.endpoint.handle(toolCall('find_my_appointments', verify, { conversationId: 'conv_1' }));

    const otherConversation = await h.endpoint.handle(toolCall('cancel_appointment', { appointment_ref: 'appt-1' }, { conversationId: 'conv_2' }));
    const otherAgent = await h.endpoint.handle(
      toolCall('cancel_appointment', { appointment_ref: 'appt-1' }, { conversationId: 'conv_1', agentId: HARBOR_VIEW_AGENT }),
    );

    expect(otherConversation.body).toMatchObject({ ok: false, error: 'not_verified' });
    expect(otherAgent.body).toMatchObject({ ok: false, error: 'not_verified' });
    expect(h.toolRunner.runs[2]?.session.practice.id).toBe(harborView.id);
  });

  it('answers 404 for an agent that serves no practice', async () => {
    const response = await h.endpoint.handle(toolCall('get_practice_info', {}, { agentId: 'agent_unknown', calledNumber: '+15550009999' }));

    expect(response).toEqual({ status: 404, body: { error: 'unknown_agent', reason: 'no practice is served by this agent or called number' } });
    expect(h.toolRunner.runs).toHaveLength(0);
  });

  it('falls back to the called number when the agent id is not in the directory', async () => {
    await h.endpoint.handle(toolCall('get_practice_info', {}, { agentId: 'agent_renamed' }));

    expect(h.directory.lookups).toEqual(['agent:agent_renamed', `phone:${BRIGHT_SMILE_NUMBER}`]);
    expect(h.toolRunner.runs[0]?.session.practice.id).toBe(brightSmile.id);
  });

  it('treats unfilled phone variables (web calls) as absent', async () => {
    await h.endpoint.handle(toolCall('get_practice_info', {}, { calledNumber: '', callerId: '{{system__caller_id}}' }));

    expect(h.toolRunner.runs[0]?.session.callerNumber).toBeUndefined();
  });

  it('answers 400 when ElevenLabs did not fill the agent or conversation header', async () => {
    const request = toolCall('get_practice_info', {});
    delete (request.headers as Record<string, unknown>)['x-crowndesk-conversation-id'];

    expect(await h.endpoint.handle(request)).toEqual({
      status: 400,
      body: { error: 'missing_call_context', reason: 'X-CrownDesk-Conversation-Id header (system__conversation_id) is missing or invalid' },
    });
  });

  it.each([
    ['malformed JSON', '{"topic": "hours"', 'body is not valid JSON'],
    ['a JSON array', '["hours"]', 'body must be a JSON object'],
    ['a JSON string', '"hours"', 'body must be a JSON object'],
  ])('answers 400 to %s', async (_case, body, reason) => {
    expect(await h.endpoint.handle(toolCall('get_practice_info', body))).toEqual({ status: 400, body: { error: 'bad_request', reason } });
    expect(h.toolRunner.runs).toHaveLength(0);
  });

  it('treats an empty body as no arguments', async () => {
    await h.endpoint.handle(toolCall('get_practice_info', ''));
    expect(h.toolRunner.runs[0]?.arguments).toEqual({});
  });

  it('answers 404 for tools it does not expose, including transfer and hang-up', async () => {
    for (const name of ['delete_everything', 'transfer_to_staff', 'end_call']) {
      expect((await h.endpoint.handle(toolCall(name, {}))).status).toBe(404);
    }
    expect(h.toolRunner.runs).toHaveLength(0);
  });

  it('passes the ToolRunner\'s failure results through as they are', async () => {
    const response = await h.endpoint.handle(
      toolCall('book_appointment', { appointment_type: 'cleaning', start: '2030-01-07T09:00', ...verify }),
    );

    expect(response).toEqual({
      status: 200,
      body: { ok: false, error: 'slot_unavailable', message: 'That time was just taken.', alternatives: [] },
    });
  });

  it('answers 500 if the ToolRunner throws, and 503 if the directory is down', async () => {
    h.toolRunner.throwWith = new TypeError('bug');
    expect((await h.endpoint.handle(toolCall('get_practice_info', {}))).status).toBe(500);

    h.directory.failure = new Error('connection refused');
    expect((await h.endpoint.handle(toolCall('get_practice_info', {}))).status).toBe(503);
  });

  it('logs ids and result codes, never names, dates of birth or phone numbers', async () => {
    await h.endpoint.handle(toolCall('find_my_appointments', verify));
    await h.endpoint.handle(toolCall('find_my_appointments', { full_name: 'Someone Else', date_of_birth: '1990-01-01' }));

    const logged = h.logger.dump();
    expect(logged).not.toContain('Maria');
    expect(logged).not.toContain(MARIA.dateOfBirth);
    expect(logged).not.toContain(CALLER);
    expect(h.logger.entries.map((entry) => entry.fields['code'])).toEqual([undefined, 'identity_mismatch']);
  });
});
