import type { ConversationOutput, ConversationTurn } from '@crowndesk/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Gate, scripted, speak } from '@crowndesk/testing';
import { SPOKEN_LINES } from '../src';
import { retellEvents, said } from './support/fake-retell';
import { RetellHarness } from './support/harness';

describe('Retell turns', () => {
  let harness: RetellHarness;
  beforeEach(async () => {
    harness = await new RetellHarness().start();
  });
  afterEach(async () => harness.stop());

  it('echoes ping_pong with the same timestamp', async () => {
    const retell = await harness.connect('/retell-llm/call_ping');
    retell.send({ interaction_type: 'ping_pong', timestamp: 1703302407333 });

    expect(await retell.waitFor((frame) => frame.response_type === 'ping_pong', 'ping_pong')).toEqual({
      response_type: 'ping_pong',
      timestamp: 1703302407333,
    });
  });

  it('answers ping_pong while a turn is still generating', async () => {
    const gate = new Gate();
    harness.conversations.defaultScript = async function* () {
      await gate.opened;
      yield { type: 'text', text: 'Done.' };
    };
    const retell = await harness.startCall('call_busy');
    retell.send(retellEvents.request(1, [said('user', 'hello')]));

    await retell.roundTrip();

    expect(retell.responses(1)).toEqual([]);
    gate.open();
    await retell.completion(1);
  });

  it('streams a response as chunks and closes it with content_complete', async () => {
    harness.conversations.defaultScript = speak('Sure, ', 'I can help ', 'with that.');
    const retell = await harness.startCall('call_stream');
    retell.send(
      retellEvents.request(1, [
        said('agent', 'Bright Smile, how can I help?'),
        said('user', 'I need a cleaning.'),
        said('transfer_target', 'Front desk here.'),
      ]),
    );

    await retell.completion(1);

    expect(retell.responses(1)).toEqual([
      { response_type: 'response', response_id: 1, content: 'Sure, ', content_complete: false },
      { response_type: 'response', response_id: 1, content: 'I can help ', content_complete: false },
      { response_type: 'response', response_id: 1, content: 'with that.', content_complete: false },
      { response_type: 'response', response_id: 1, content: '', content_complete: true },
    ]);
    const [turn] = harness.conversations.only().turns;
    expect(turn?.transcript).toEqual([
      { speaker: 'agent', text: 'Bright Smile, how can I help?' },
      { speaker: 'caller', text: 'I need a cleaning.' },
    ]);
    expect(turn?.reminder).toBe(false);
  });

  it('flags reminder_required as a reminder turn', async () => {
    const retell = await harness.startCall('call_reminder');
    retell.send(retellEvents.request(3, [said('agent', 'Are you still there?')], 'reminder_required'));

    await retell.completion(3);

    expect(harness.conversations.only().turns.map((turn) => turn.reminder)).toEqual([true]);
  });

  it('closes with an empty content_complete when the conversation says nothing', async () => {
    harness.conversations.defaultScript = scripted();
    const retell = await harness.startCall('call_silent');
    retell.send(retellEvents.request(1, [said('user', 'hmm')]));

    await retell.completion(1);

    expect(retell.responses(1)).toEqual([{ response_type: 'response', response_id: 1, content: '', content_complete: true }]);
  });

  it('keeps update_only transcripts without superseding the pending response', async () => {
    const gate = new Gate();
    harness.conversations.defaultScript = async function* () {
      yield { type: 'text', text: 'Let me check. ' };
      await gate.opened;
      yield { type: 'text', text: 'Tuesday works.' };
    };
    const retell = await harness.startCall('call_update');
    retell.send(retellEvents.request(1, [said('user', 'Is Tuesday free?')]));
    await retell.waitFor((frame) => frame['content'] === 'Let me check. ', 'first chunk');

    retell.send(retellEvents.update([said('user', 'Is Tuesday free?'), said('agent', 'Let me check.')]));
    await retell.roundTrip();
    const [turn] = harness.conversations.only().turns;
    expect(turn?.signal.aborted).toBe(false);
    gate.open();
    await retell.completion(1);

    expect(retell.responses(1).map((frame) => frame['content'])).toEqual(['Let me check. ', 'Tuesday works.', '']);
    retell.close();
    await harness.handler.drain();
    expect(harness.conversations.only().finishes[0]).toEqual([
      { speaker: 'caller', text: 'Is Tuesday free?' },
      { speaker: 'agent', text: 'Let me check.' },
    ]);
  });

  it('drops a superseded response: aborts it and sends nothing more under the older id', async () => {
    const lateGate = new Gate();
    let firstTurnDone!: () => void;
    const firstTurnFinished = new Promise<void>((resolve) => (firstTurnDone = resolve));
    harness.conversations.defaultScript = async function* (turn: ConversationTurn): AsyncGenerator<ConversationOutput> {
      if (turn.transcript.length === 1) {
        try {
          yield { type: 'text', text: 'one-a ' };
          // Deliberately ignores the abort signal: the adapter itself must keep stale content off the wire.
          await lateGate.opened;
          yield { type: 'text', text: 'one-late' };
        } finally {
          firstTurnDone();
        }
        return;
      }
      yield { type: 'text', text: 'two' };
    };
    const retell = await harness.startCall('call_stale');
    retell.send(retellEvents.request(1, [said('user', 'I want')]));
    await retell.waitFor((frame) => frame['content'] === 'one-a ', 'first chunk of response 1');

    retell.send(retellEvents.request(2, [said('user', 'I want'), said('user', 'to cancel')]));
    await retell.completion(2);
    const [first] = harness.conversations.only().turns;
    expect(first?.signal.aborted).toBe(true);
    lateGate.open();
    await firstTurnFinished;
    await retell.roundTrip();

    const firstOfTwo = retell.frames.findIndex((frame) => frame['response_id'] === 2);
    const lateFramesOfOne = retell.frames.slice(firstOfTwo).filter((frame) => frame['response_id'] === 1);
    expect(lateFramesOfOne).toEqual([]);
    expect(retell.responses(1)).toEqual([{ response_type: 'response', response_id: 1, content: 'one-a ', content_complete: false }]);
    expect(retell.responses(2).map((frame) => frame['content'])).toEqual(['two', '']);
  });

  it('records tool calls as tool_call_invocation and tool_call_result frames', async () => {
    harness.conversations.defaultScript = scripted(
      { type: 'text', text: 'One moment. ' },
      { type: 'tool_invocation', toolCallId: 'tool_1', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' },
      { type: 'tool_result', toolCallId: 'tool_1', content: '{"ok":true}', successful: true },
      { type: 'tool_invocation', toolCallId: 'tool_2', name: 'book_appointment', arguments: '{}' },
      { type: 'tool_result', toolCallId: 'tool_2', content: '{"ok":false}', successful: false },
      { type: 'text', text: 'Tuesday at ten is open.' },
    );
    const retell = await harness.startCall('call_tools');
    retell.send(retellEvents.request(1, [said('user', 'Any cleanings?')]));

    await retell.completion(1);

    const turnFrames = retell.frames.slice(retell.frames.findIndex((frame) => frame['content'] === 'One moment. '));
    expect(turnFrames).toEqual([
      { response_type: 'response', response_id: 1, content: 'One moment. ', content_complete: false },
      { response_type: 'tool_call_invocation', tool_call_id: 'tool_1', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' },
      { response_type: 'tool_call_result', tool_call_id: 'tool_1', content: '{"ok":true}', successful: true },
      { response_type: 'tool_call_invocation', tool_call_id: 'tool_2', name: 'book_appointment', arguments: '{}' },
      { response_type: 'tool_call_result', tool_call_id: 'tool_2', content: '{"ok":false}', successful: false },
      { response_type: 'response', response_id: 1, content: 'Tuesday at ten is open.', content_complete: false },
      { response_type: 'response', response_id: 1, content: '', content_complete: true },
    ]);
  });

  it('ends a transfer turn with transfer_number on the final frame', async () => {
    let cleanedUp = false;
    harness.conversations.defaultScript = async function* (): AsyncGenerator<ConversationOutput> {
      try {
        yield { type: 'text', text: 'Connecting you to the front desk.' };
        yield { type: 'transfer', number: '+15550008888', reason: 'staff' };
        yield { type: 'text', text: 'never spoken' };
      } finally {
        cleanedUp = true;
      }
    };
    const retell = await harness.startCall('call_transfer');
    retell.send(retellEvents.request(1, [said('user', 'Can I talk to someone?')]));

    await retell.completion(1);
    await retell.roundTrip();

    expect(retell.responses(1)).toEqual([
      { response_type: 'response', response_id: 1, content: 'Connecting you to the front desk.', content_complete: false },
      { response_type: 'response', response_id: 1, content: '', content_complete: true, transfer_number: '+15550008888' },
    ]);
    expect(cleanedUp).toBe(true);
  });

  it('marks a hand-over line no_interruption_allowed, so talking over it cannot cancel the emergency transfer', async () => {
    harness.conversations.defaultScript = scripted(
      { type: 'text', text: "I'm connecting you with our on-call dentist right now.", uninterruptible: true },
      { type: 'transfer', number: '+15550009999', reason: 'emergency' },
    );
    const retell = await harness.startCall('call_emergency');
    retell.send(retellEvents.request(1, [said('user', 'My tooth got knocked out')]));

    await retell.completion(1);

    expect(retell.responses(1)).toEqual([
      {
        response_type: 'response',
        response_id: 1,
        content: "I'm connecting you with our on-call dentist right now.",
        content_complete: false,
        no_interruption_allowed: true,
      },
      { response_type: 'response', response_id: 1, content: '', content_complete: true, transfer_number: '+15550009999' },
    ]);
  });

  it('ends a goodbye turn with end_call on the final frame', async () => {
    harness.conversations.defaultScript = scripted({ type: 'text', text: 'Goodbye!' }, { type: 'end_call' });
    const retell = await harness.startCall('call_bye');
    retell.send(retellEvents.request(1, [said('user', "That's all, thanks.")]));

    await retell.completion(1);

    expect(retell.responses(1)).toEqual([
      { response_type: 'response', response_id: 1, content: 'Goodbye!', content_complete: false },
      { response_type: 'response', response_id: 1, content: '', content_complete: true, end_call: true },
    ]);
  });

  it('apologises and completes the response when the conversation throws, and the call goes on', async () => {
    harness.conversations.defaultScript = async function* (turn: ConversationTurn): AsyncGenerator<ConversationOutput> {
      if (turn.transcript.length === 1) {
        yield { type: 'text', text: 'Let me ' };
        throw new Error('model stream broke');
      }
      yield { type: 'text', text: 'Back again.' };
    };
    const retell = await harness.startCall('call_throws');
    retell.send(retellEvents.request(1, [said('user', 'Book me in')]));

    await retell.completion(1);
    retell.send(retellEvents.request(2, [said('user', 'Book me in'), said('user', 'hello?')]));
    await retell.completion(2);

    expect(retell.responses(1)).toEqual([
      { response_type: 'response', response_id: 1, content: 'Let me ', content_complete: false },
      { response_type: 'response', response_id: 1, content: SPOKEN_LINES.apology, content_complete: true },
    ]);
    expect(retell.responses(2).map((frame) => frame['content'])).toEqual(['Back again.', '']);
    expect(retell.isOpen).toBe(true);
    expect(harness.logger.find('error', 'retell turn failed')?.fields).toMatchObject({
      callId: 'call_throws',
      practiceId: 'practice-bright',
      responseId: 1,
      errorMessage: 'model stream broke',
    });
  });

  it('keeps transcript text and phone numbers out of the logs', async () => {
    harness.conversations.defaultScript = async function* (): AsyncGenerator<ConversationOutput> {
      yield { type: 'text', text: 'Sure thing.' };
      throw new Error('boom');
    };
    const retell = await harness.startCall('call_private');
    retell.send(retellEvents.update([said('user', 'My name is Jane Roe, born 1980-02-03')]));
    retell.send(retellEvents.request(1, [said('user', 'My name is Jane Roe, born 1980-02-03')]));
    await retell.completion(1);
    retell.close();
    await harness.handler.drain();

    const logs = harness.logger.dump();
    expect(logs).not.toContain('Jane Roe');
    expect(logs).not.toContain('1980-02-03');
    expect(logs).not.toContain('Sure thing');
    expect(logs).not.toContain('+1555');
  });
});
