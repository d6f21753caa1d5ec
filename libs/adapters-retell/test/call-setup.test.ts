import { afterEach, describe, expect, it } from 'vitest';
import { minimalPractice } from '@crowndesk/testing';
import { SPOKEN_LINES } from '../src';
import { retellEvents, said } from './support/fake-retell';
import { AGENT_ID, CALLER_NUMBER, PRACTICE_NUMBER, RetellHarness } from './support/harness';

describe('Retell call setup', () => {
  let harness: RetellHarness;
  afterEach(async () => harness.stop());

  it('sends config as the very first frame on connect', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.connect('/retell-llm/call_config');

    const first = await retell.waitFor(() => true, 'first frame');

    expect(first).toEqual({
      response_type: 'config',
      config: { auto_reconnect: true, call_details: true, transcript_with_tool_calls: false },
    });
  });

  it('starts the conversation on call_details and speaks its greeting as response 0', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.connect('/retell-llm/call_greet');
    retell.send(retellEvents.callDetails({ call_id: 'call_greet', agent_id: AGENT_ID, from_number: CALLER_NUMBER, to_number: PRACTICE_NUMBER }));

    const begin = await retell.completion(0);

    expect(begin).toEqual({ response_type: 'response', response_id: 0, content: 'Hello from practice-bright', content_complete: true });
    expect(harness.conversations.started).toEqual([
      { callId: 'call_greet', practice: expect.objectContaining({ id: 'practice-bright' }), channel: 'retell', callerNumber: CALLER_NUMBER },
    ]);
    expect(harness.handler.activeCalls()).toBe(1);
  });

  it('takes the call id from call_details when the URL has none', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.connect('/retell-llm');
    retell.send(retellEvents.callDetails({ call_id: 'call_from_body', agent_id: AGENT_ID }));

    await retell.completion(0);

    expect(harness.conversations.started.map((start) => start.callId)).toEqual(['call_from_body']);
  });

  it('refuses a call whose call_details names another call than the URL (4400)', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.connect('/retell-llm/call_path');
    retell.send(retellEvents.callDetails({ call_id: 'call_other', agent_id: AGENT_ID }));

    const closed = await retell.closed;

    expect(closed).toEqual({ code: 4400, reason: 'call_id in call_details does not match the URL' });
    expect(harness.conversations.started).toEqual([]);
    expect(harness.directory.lookups).toEqual([]);
  });

  it('on an outbound call, finds the practice by the number it called from and treats the dialled number as the caller', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.connect('/retell-llm/call_out');
    retell.send(retellEvents.callDetails({ call_id: 'call_out', agent_id: 'agent_unknown', direction: 'outbound', from_number: PRACTICE_NUMBER, to_number: CALLER_NUMBER }));

    await retell.completion(0);

    expect(harness.directory.lookups).toEqual(['agent:agent_unknown', `phone:${PRACTICE_NUMBER}`]);
    expect(harness.conversations.started[0]?.callerNumber).toBe(CALLER_NUMBER);
  });
});

describe('Retell practice resolution', () => {
  let harness: RetellHarness;
  afterEach(async () => harness.stop());

  it('prefers the agent id over the dialled number', async () => {
    harness = await new RetellHarness().start();
    harness.directory.byNumber.set('+15550002222', minimalPractice('practice-other'));
    const retell = await harness.connect('/retell-llm/call_agent');
    retell.send(retellEvents.callDetails({ call_id: 'call_agent', agent_id: AGENT_ID, to_number: '+15550002222' }));

    const begin = await retell.completion(0);

    expect(begin['content']).toBe('Hello from practice-bright');
    expect(harness.directory.lookups).toEqual([`agent:${AGENT_ID}`]);
  });

  it('falls back to the dialled number when the agent is unknown', async () => {
    harness = await new RetellHarness().start();
    harness.directory.byNumber.set('+15550002222', minimalPractice('practice-other'));
    const retell = await harness.connect('/retell-llm/call_number');
    retell.send(retellEvents.callDetails({ call_id: 'call_number', agent_id: 'agent_unknown', to_number: '+15550002222' }));

    const begin = await retell.completion(0);

    expect(begin['content']).toBe('Hello from practice-other');
    expect(harness.directory.lookups).toEqual(['agent:agent_unknown', 'phone:+15550002222']);
  });

  it('ignores metadata and dynamic variables that name a practice', async () => {
    harness = await new RetellHarness().start();
    harness.directory.byPracticeId.set('practice-bright', minimalPractice('practice-bright'));
    const retell = await harness.connect('/retell-llm/call_meta');
    retell.send(
      retellEvents.callDetails({
        call_id: 'call_meta',
        agent_id: 'agent_unknown',
        to_number: '+15550003333',
        metadata: { practice_id: 'practice-bright', tenant_id: 'practice-bright' },
        retell_llm_dynamic_variables: { practice_id: 'practice-bright' },
      }),
    );

    const begin = await retell.completion(0);

    expect(begin).toMatchObject({ content: SPOKEN_LINES.notSetUp, end_call: true });
    expect(harness.directory.lookups).toEqual(['agent:agent_unknown', 'phone:+15550003333']);
    expect(harness.conversations.started).toEqual([]);
  });

  it('refuses an unknown practice without a fallback: spoken goodbye, end_call, warning, then a deliberate close', async () => {
    harness = await new RetellHarness({ refusalHangupDelayMs: 20 }).start();
    const retell = await harness.connect('/retell-llm/call_unknown');
    retell.send(retellEvents.callDetails({ call_id: 'call_unknown', agent_id: 'agent_nobody', from_number: CALLER_NUMBER, to_number: '+15550004444' }));

    const begin = await retell.completion(0);
    const closed = await retell.closed;

    expect(begin).toEqual({ response_type: 'response', response_id: 0, content: "Sorry, this line isn't set up yet. Goodbye.", content_complete: true, end_call: true });
    expect(closed.code).toBe(1000);
    const warning = harness.logger.find('warn', 'no practice for this retell agent or number; refusing the call');
    expect(warning?.fields).toMatchObject({ agentId: 'agent_nobody', callId: 'call_unknown' });
    expect(harness.logger.dump()).not.toContain(CALLER_NUMBER);
    expect(harness.directory.lookups).not.toContain('fallback');
    expect(harness.handler.activeCalls()).toBe(0);
  });

  it('answers requests on a refused call with end_call instead of leaving them open', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.connect('/retell-llm/call_refused');
    retell.send(retellEvents.callDetails({ call_id: 'call_refused', agent_id: 'agent_nobody' }));
    await retell.completion(0);

    retell.send(retellEvents.request(1, [said('user', 'hello?')]));

    expect(await retell.completion(1)).toEqual({ response_type: 'response', response_id: 1, content: '', content_complete: true, end_call: true });
  });

  it('serves an unknown practice from the fallback when allowed', async () => {
    harness = await new RetellHarness({ allowFallbackPractice: true }).start();
    harness.directory.fallbackPractice = minimalPractice('practice-demo');
    const retell = await harness.connect('/retell-llm/call_fallback');
    retell.send(retellEvents.callDetails({ call_id: 'call_fallback', agent_id: 'agent_nobody', to_number: '+15550004444' }));

    const begin = await retell.completion(0);

    expect(begin['content']).toBe('Hello from practice-demo');
    expect(harness.directory.lookups).toEqual(['agent:agent_nobody', 'phone:+15550004444', 'fallback']);
    expect(harness.logger.find('info', 'retell call started')?.fields).toMatchObject({ practiceSource: 'fallback' });
  });

  it('refuses with a spoken apology when the directory is down, and logs the failure', async () => {
    harness = await new RetellHarness().start();
    harness.directory.failure = new Error('directory unavailable');
    const retell = await harness.connect('/retell-llm/call_outage');
    retell.send(retellEvents.callDetails({ call_id: 'call_outage', agent_id: AGENT_ID }));

    const begin = await retell.completion(0);

    expect(begin).toMatchObject({ content: SPOKEN_LINES.unavailable, end_call: true });
    expect(harness.logger.find('error', 'retell call could not start')?.fields).toMatchObject({ errorMessage: 'directory unavailable' });
  });
});

describe('Retell requests before call_details', () => {
  let harness: RetellHarness;
  afterEach(async () => harness.stop());

  it('queues the latest request and answers it right after the begin message', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.connect('/retell-llm/call_early');
    retell.send(retellEvents.request(1, [said('user', 'first try')]));
    retell.send(retellEvents.request(2, [said('user', 'second try')]));
    await retell.roundTrip();
    retell.send(retellEvents.callDetails({ call_id: 'call_early', agent_id: AGENT_ID }));

    await retell.completion(2);

    const responses = retell.frames.filter((frame) => frame.response_type === 'response').map((frame) => frame['response_id']);
    expect(responses[0]).toBe(0);
    expect(responses).not.toContain(1);
    expect(harness.conversations.only().turns.map((turn) => turn.transcript)).toEqual([[{ speaker: 'caller', text: 'second try' }]]);
  });

  it('answers a queued request empty when call_details does not come in time', async () => {
    harness = await new RetellHarness({ callDetailsTimeoutMs: 20 }).start();
    const retell = await harness.connect('/retell-llm/call_late');
    retell.send(retellEvents.request(1, [said('user', 'anyone there?')]));

    expect(await retell.completion(1)).toEqual({ response_type: 'response', response_id: 1, content: '', content_complete: true });
    expect(harness.logger.find('warn', 'no call_details in time; answering the queued request empty')).toBeDefined();
  });
});
