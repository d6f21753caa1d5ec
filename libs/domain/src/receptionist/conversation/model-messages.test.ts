import { describe, expect, it } from 'vitest';
import { agent, caller } from './doubles.fixture';
import { buildModelMessages, type ToolExchange } from './model-messages';

const availability = (transcriptLength: number, spokenText = ''): ToolExchange => ({
  transcriptLength,
  spokenText,
  calls: [{ call: { id: 'call-1', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' }, content: '{"ok":true}' }],
});

describe('buildModelMessages', () => {
  it('maps the transcript in order, caller to user and agent to assistant, skipping empty utterances', () => {
    const messages = buildModelMessages(
      'SYSTEM',
      [agent('Thank you for calling.'), caller('  '), caller('Hi, I need a cleaning.'), agent(''), agent('Sure.')],
      [],
    );
    expect(messages).toEqual([
      { role: 'system', content: 'SYSTEM' },
      { role: 'assistant', content: 'Thank you for calling.' },
      { role: 'user', content: 'Hi, I need a cleaning.' },
      { role: 'assistant', content: 'Sure.' },
    ]);
  });

  it('puts an exchange of the turn in progress after the transcript, with what the model said in that round', () => {
    const transcript = [agent('Hello.'), caller('Any cleanings on Tuesday?')];
    const messages = buildModelMessages('SYSTEM', transcript, [availability(2, 'Let me check.')]);
    expect(messages.slice(2)).toEqual([
      { role: 'user', content: 'Any cleanings on Tuesday?' },
      {
        role: 'assistant',
        content: 'Let me check.',
        toolCalls: [{ id: 'call-1', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' }],
      },
      { role: 'tool', toolCallId: 'call-1', content: '{"ok":true}' },
    ]);
  });

  it('weaves earlier exchanges in where they happened and leaves their speech to the transcript', () => {
    const transcript = [
      agent('Hello.'),
      caller('Any cleanings on Tuesday?'),
      agent('Let me check. Tuesday at 10 AM is open.'),
      caller('Great, book it.'),
    ];
    const booking: ToolExchange = {
      transcriptLength: 4,
      spokenText: 'Booking it now.',
      calls: [
        { call: { id: 'call-2', name: 'book_appointment', arguments: '{}' }, content: '{"ok":true,"tool":"book_appointment"}' },
      ],
    };
    const messages = buildModelMessages('SYSTEM', transcript, [availability(2, 'Let me check.'), booking]);
    expect(messages.map((message) => [message.role, message.content])).toEqual([
      ['system', 'SYSTEM'],
      ['assistant', 'Hello.'],
      ['user', 'Any cleanings on Tuesday?'],
      ['assistant', ''],
      ['tool', '{"ok":true}'],
      ['assistant', 'Let me check. Tuesday at 10 AM is open.'],
      ['user', 'Great, book it.'],
      ['assistant', 'Booking it now.'],
      ['tool', '{"ok":true,"tool":"book_appointment"}'],
    ]);
    expect(messages[3]).toMatchObject({ toolCalls: [{ id: 'call-1', name: 'check_availability' }] });
    expect(messages[7]).toMatchObject({ toolCalls: [{ id: 'call-2', name: 'book_appointment' }] });
  });

  it('keeps several exchanges at one position in the order they happened, each call followed by its result', () => {
    const second: ToolExchange = {
      transcriptLength: 1,
      spokenText: '',
      calls: [
        { call: { id: 'a', name: 'check_availability', arguments: '{}' }, content: 'A' },
        { call: { id: 'b', name: 'check_availability', arguments: '{}' }, content: 'B' },
      ],
    };
    const messages = buildModelMessages('SYSTEM', [caller('Cleaning or exam, whichever is sooner.')], [availability(1), second]);
    expect(messages.slice(2).map((message) => (message.role === 'tool' ? `tool:${message.toolCallId}` : message.role))).toEqual([
      'assistant',
      'tool:call-1',
      'assistant',
      'tool:a',
      'tool:b',
    ]);
  });

  it('ignores exchanges without calls and puts ones beyond a shorter transcript at its end', () => {
    const empty: ToolExchange = { transcriptLength: 0, spokenText: 'lost words', calls: [] };
    const messages = buildModelMessages('SYSTEM', [caller('Hello?')], [empty, availability(5, 'Checking.')]);
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(messages[2]).toMatchObject({ content: 'Checking.' });
  });
});
