import { describe, expect, it } from 'vitest';
import type { ConversationOutput, ConversationTurn, Utterance } from '@crowndesk/domain';
import { endCall, minimalPractice, say, scripted, ScriptedConversationFactory, speak, transferTo } from '../src';

const start = { callId: 'CA1', practice: minimalPractice('practice-bright'), channel: 'twilio' as const };

function turn(transcript: Utterance[]): ConversationTurn {
  return { transcript, reminder: false, signal: new AbortController().signal };
}

async function collect(outputs: AsyncIterable<ConversationOutput>): Promise<ConversationOutput[]> {
  const all: ConversationOutput[] = [];
  for await (const output of outputs) all.push(output);
  return all;
}

describe('ScriptedConversationFactory', () => {
  it('answers with queued scripts in order, across conversations, then with the default', async () => {
    const factory = new ScriptedConversationFactory();
    factory.scripts.push(scripted(say('First.'), endCall), speak('Second, ', 'in two pieces.'));
    const one = factory.start(start);
    const two = factory.start({ ...start, callId: 'CA2' });

    expect(await collect(one.respond(turn([])))).toEqual([say('First.'), endCall]);
    expect(await collect(two.respond(turn([])))).toEqual([say('Second, '), say('in two pieces.')]);
    expect(await collect(one.respond(turn([])))).toEqual([say('Sure, I can help with that.')]);

    factory.defaultScript = scripted(transferTo('+15550008888'));
    expect(await collect(two.respond(turn([])))).toEqual([{ type: 'transfer', number: '+15550008888', reason: 'staff' }]);
    expect(factory.started.map((started) => started.callId)).toEqual(['CA1', 'CA2']);
  });

  it('greets with the default line, or per practice when told how, and counts greetings', () => {
    const plain = new ScriptedConversationFactory();
    const conversation = plain.start(start);
    expect(conversation.greeting()).toBe('Hello, how can I help?');

    const perPractice = new ScriptedConversationFactory({ greeting: (practiceId) => `Hello from ${practiceId}` });
    const greeted = perPractice.start(start);
    greeted.greeting();
    expect(greeted.greeting()).toBe('Hello from practice-bright');
    expect(perPractice.only().greetings).toBe(2);
  });

  it('keeps copies of the transcripts it was given, as they were at each turn and finish', async () => {
    const factory = new ScriptedConversationFactory();
    const conversation = factory.start(start);
    const transcript: Utterance[] = [{ speaker: 'caller', text: 'Hi' }];
    await collect(conversation.respond(turn(transcript)));
    transcript.push({ speaker: 'agent', text: 'Hello' });
    const endedAt = new Date('2026-01-05T15:05:00.000Z');
    const record = await conversation.finish(transcript, endedAt);
    transcript[0]!.text = 'changed';

    const only = factory.only();
    expect(only.turns[0]?.transcript).toEqual([{ speaker: 'caller', text: 'Hi' }]);
    expect(only.finishes).toEqual([
      [
        { speaker: 'caller', text: 'Hi' },
        { speaker: 'agent', text: 'Hello' },
      ],
    ]);
    expect(only.endedAts).toEqual([endedAt]);
    expect(record).toMatchObject({
      callId: 'CA1',
      practiceId: 'practice-bright',
      channel: 'twilio',
      startedAt: '2026-01-05T15:00:00.000Z',
      endedAt: '2026-01-05T15:05:00.000Z',
      outcome: 'no_action',
    });
  });

  it('refuses only() unless exactly one conversation started', () => {
    const factory = new ScriptedConversationFactory();
    expect(() => factory.only()).toThrow('expected one conversation, got 0');
    factory.start(start);
    factory.start(start);
    expect(() => factory.only()).toThrow('expected one conversation, got 2');
  });
});
