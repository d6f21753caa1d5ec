import { afterEach, describe, expect, it, vi } from 'vitest';
import { Gate } from '@crowndesk/testing';
import { retellEvents, said } from './support/fake-retell';
import { AGENT_ID, RetellHarness } from './support/harness';

describe('Retell call lifecycle', () => {
  let harness: RetellHarness;
  afterEach(async () => harness.stop());

  it('continues the same conversation after a reconnect, with an empty begin message instead of a second greeting', async () => {
    harness = await new RetellHarness().start();
    const first = await harness.startCall('call_reconnect');
    first.send(retellEvents.request(1, [said('user', 'I need a cleaning')]));
    await first.completion(1);
    first.terminate();
    await first.closed;

    const second = await harness.connect('/retell-llm/call_reconnect');
    const config = await second.waitFor((frame) => frame.response_type === 'config', 'config');
    const begin = await second.completion(0);
    second.send(retellEvents.request(2, [said('user', 'I need a cleaning'), said('user', 'next week')]));
    await second.completion(2);

    expect(config['config']).toMatchObject({ auto_reconnect: true });
    expect(begin).toEqual({ response_type: 'response', response_id: 0, content: '', content_complete: true });
    expect(harness.conversations.started).toHaveLength(1);
    const conversation = harness.conversations.only();
    expect(conversation.greetings).toBe(1);
    expect(conversation.turns).toHaveLength(2);
    expect(harness.handler.activeCalls()).toBe(1);
  });

  it('accepts call_details again after a reconnect without starting a new conversation', async () => {
    harness = await new RetellHarness().start();
    const first = await harness.startCall('call_details_again');
    first.terminate();
    await first.closed;

    const second = await harness.connect('/retell-llm/call_details_again');
    await second.completion(0);
    second.send(retellEvents.callDetails({ call_id: 'call_details_again', agent_id: AGENT_ID }));
    await second.roundTrip();

    expect(second.responses(0)).toHaveLength(1);
    expect(harness.conversations.started).toHaveLength(1);
    expect(harness.directory.lookups).toEqual([`agent:${AGENT_ID}`]);
  });

  it('re-attaches a reconnect to the bare URL once call_details names the call', async () => {
    harness = await new RetellHarness().start();
    const first = await harness.startCall('call_bare');
    first.terminate();
    await first.closed;

    const second = await harness.connect('/retell-llm');
    second.send(retellEvents.callDetails({ call_id: 'call_bare', agent_id: AGENT_ID }));

    expect((await second.completion(0))['content']).toBe('');
    expect(harness.conversations.started).toHaveLength(1);
  });

  it('replaces a still-open connection when the call reconnects, cancelling its turn', async () => {
    harness = await new RetellHarness().start();
    const gate = new Gate();
    harness.conversations.defaultScript = async function* () {
      await gate.opened;
      yield { type: 'text', text: 'too late' };
    };
    const first = await harness.startCall('call_replace');
    first.send(retellEvents.request(1, [said('user', 'hello')]));
    await first.roundTrip();

    const second = await harness.connect('/retell-llm/call_replace');
    await second.completion(0);
    const closed = await first.closed;
    gate.open();
    await second.roundTrip();

    expect(closed).toEqual({ code: 4001, reason: 'replaced by a newer connection for this call' });
    expect(harness.conversations.only().turns[0]?.signal.aborted).toBe(true);
    expect(first.responses(1)).toEqual([]);
    expect(second.responses(1)).toEqual([]);
  });

  it('finishes the conversation once, with the last transcript, when no reconnect comes within the grace period', async () => {
    harness = await new RetellHarness({ finishGraceMs: 30 }).start();
    const retell = await harness.startCall('call_finish');
    retell.send(retellEvents.request(1, [said('user', 'Thanks, bye')]));
    await retell.completion(1);
    retell.send(retellEvents.update([said('user', 'Thanks, bye'), said('agent', 'Goodbye!')]));
    await retell.roundTrip();

    retell.close();
    await retell.closed;
    const conversation = harness.conversations.only();
    await vi.waitFor(() => expect(conversation.finishes).toHaveLength(1));

    expect(conversation.finishes[0]).toEqual([
      { speaker: 'caller', text: 'Thanks, bye' },
      { speaker: 'agent', text: 'Goodbye!' },
    ]);
    expect(conversation.endedAts[0]).toBeInstanceOf(Date);
    expect(harness.handler.activeCalls()).toBe(0);
    await harness.handler.drain();
    expect(conversation.finishes).toHaveLength(1);
  });

  it('does not finish a call that reconnects within the grace period', async () => {
    harness = await new RetellHarness({ finishGraceMs: 1_000 }).start();
    const first = await harness.startCall('call_grace');
    // Only the handler's timers are faked, so the grace period is under the test's control while sockets stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      first.terminate();
      await first.closed;
      await vi.waitFor(() => expect(harness.logger.find('info', 'retell socket closed')).toBeDefined());

      const second = await harness.connect('/retell-llm/call_grace');
      await second.completion(0);
      vi.advanceTimersByTime(5_000);

      expect(harness.conversations.only().finishes).toEqual([]);
      expect(harness.handler.activeCalls()).toBe(1);

      // The grace timer is live: once the reconnected socket closes too, the call is finished after it.
      second.terminate();
      await second.closed;
      await vi.waitFor(() => expect(harness.logger.entries.filter((entry) => entry.message === 'retell socket closed')).toHaveLength(2));
      // Waiting for a reconnect: still tracked, but nobody is on the line, so a drain need not wait for it.
      expect(harness.handler.activeCalls()).toBe(0);
      expect(harness.handler.trackedCalls()).toBe(1);
      vi.advanceTimersByTime(1_000);
      expect(harness.conversations.only().finishes).toHaveLength(1);
      expect(harness.handler.trackedCalls()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs a failing finish and still drops the call', async () => {
    harness = await new RetellHarness({ finishGraceMs: 10 }).start();
    const retell = await harness.startCall('call_finish_fails');
    harness.conversations.only().finish = () => Promise.reject(new Error('call log unavailable'));

    retell.close();
    await vi.waitFor(() => expect(harness.logger.find('error', 'retell call could not be finished')).toBeDefined());

    expect(harness.logger.find('error', 'retell call could not be finished')?.fields).toMatchObject({
      callId: 'call_finish_fails',
      errorMessage: 'call log unavailable',
    });
    expect(harness.handler.activeCalls()).toBe(0);
  });

  it('does not hold a drain for a caller who hung up: drain finishes that call at once', async () => {
    harness = await new RetellHarness().start();
    const retell = await harness.startCall('call_hung_up');
    retell.close();
    await retell.closed;
    await vi.waitFor(() => expect(harness.logger.find('info', 'retell socket closed')).toBeDefined());

    expect(harness.handler.activeCalls()).toBe(0);
    expect(harness.handler.trackedCalls()).toBe(1);
    expect(harness.conversations.only().finishes).toEqual([]);

    await harness.handler.drain();
    expect(harness.conversations.only().finishes).toHaveLength(1);
    expect(harness.handler.trackedCalls()).toBe(0);
  });

  it('drains: closes every socket with 1001, finishes every call, and refuses new sockets', async () => {
    harness = await new RetellHarness().start();
    const gate = new Gate();
    harness.conversations.defaultScript = async function* () {
      await gate.opened;
      yield { type: 'text', text: 'never' };
    };
    const one = await harness.startCall('call_drain_1');
    const two = await harness.startCall('call_drain_2');
    const waiting = await harness.connect('/retell-llm/call_drain_3');
    one.send(retellEvents.request(1, [said('user', 'hello')]));
    await one.roundTrip();

    await harness.handler.drain();

    expect(await one.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect((await two.closed).code).toBe(1001);
    expect((await waiting.closed).code).toBe(1001);
    expect(harness.conversations.conversations.map((conversation) => conversation.finishes.length)).toEqual([1, 1]);
    expect(harness.conversations.conversations[0]?.turns[0]?.signal.aborted).toBe(true);
    expect(harness.handler.activeCalls()).toBe(0);

    const late = await harness.connect('/retell-llm/call_late');
    expect((await late.closed).code).toBe(1001);
    gate.open();
  });
});
