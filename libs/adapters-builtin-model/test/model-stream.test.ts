import { describe, expect, it } from 'vitest';
import {
  toolArgumentSchemas,
  type ModelEvent,
  type ModelMessage,
  type ModelRequest,
  type ToolDefinition,
} from '@crowndesk/domain';
import { RecordingLogger } from '@crowndesk/testing';
import { BuiltinReceptionistModel } from '../src';
import { practiceContext, slot } from './support/practice';

const ALL_TOOLS: ToolDefinition[] = Object.keys(toolArgumentSchemas).map((name) => ({
  name,
  description: name,
  parameters: { type: 'object' },
}));

function request(messages: ModelMessage[], overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    messages: [{ role: 'system', content: 'You are the receptionist.' }, ...messages],
    tools: ALL_TOOLS,
    context: practiceContext(),
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function collect(events: AsyncIterable<ModelEvent>, onEvent?: (event: ModelEvent) => void): Promise<ModelEvent[]> {
  const out: ModelEvent[] = [];
  for await (const event of events) {
    out.push(event);
    onEvent?.(event);
  }
  return out;
}

const greeting: ModelMessage = { role: 'assistant', content: 'Thank you for calling Maple Street Dental. How can I help you today?' };

describe('BuiltinReceptionistModel.stream', () => {
  it('streams speech as one text event per sentence, which join back into the whole reply', async () => {
    const events = await collect(
      new BuiltinReceptionistModel().stream(request([greeting, { role: 'user', content: 'I want to book an appointment' }])),
    );
    const texts = events.map((event) => (event.type === 'text' ? event.text : ''));
    expect(texts).toEqual([
      'Sure, I can help with that. ',
      'What kind of visit would you like to book? ',
      'We can schedule a cleaning, an exam, an emergency visit, or a new patient visit.',
    ]);
  });

  it('keeps "Dr. Lee" in one piece', async () => {
    const messages: ModelMessage[] = [
      greeting,
      { role: 'user', content: 'A cleaning Tuesday at 11' },
      {
        role: 'assistant',
        content: 'Let me check what we have.',
        toolCalls: [{ id: 'builtin_3', name: 'check_availability', arguments: '{"appointment_type":"cleaning","date":"2026-11-03","time":"11:00"}' }],
      },
      {
        role: 'tool',
        toolCallId: 'builtin_3',
        content: JSON.stringify({ ok: true, tool: 'check_availability', appointmentType: 'cleaning', slots: [slot('2026-11-03T11:00', 'Dr. Lee')] }),
      },
    ];
    const events = await collect(new BuiltinReceptionistModel().stream(request(messages)));
    expect(events).toEqual([
      { type: 'text', text: 'Good news: ' },
      { type: 'text', text: 'Tuesday, November 3 at 11 AM with Dr. Lee is open. ' },
      { type: 'text', text: 'Would you like that one?' },
    ]);
  });

  it('emits a tool call with a deterministic id and JSON arguments of the contract', async () => {
    const messages: ModelMessage[] = [greeting, { role: 'user', content: "I'd like a cleaning next Tuesday at ten" }];
    const events = await collect(new BuiltinReceptionistModel().stream(request(messages)));
    const call = events.find((event) => event.type === 'tool_call');
    expect(call).toEqual({
      type: 'tool_call',
      call: { id: 'builtin_3', name: 'check_availability', arguments: '{"appointment_type":"cleaning","date":"2026-11-03","time":"10:00"}' },
    });
    expect(events[events.length - 1]).toBe(call);
  });

  it('gives the same answer for the same messages, from any instance: it keeps no state', async () => {
    const messages: ModelMessage[] = [greeting, { role: 'user', content: 'I need to reschedule, this is Jane Doe' }];
    const first = await collect(new BuiltinReceptionistModel().stream(request(messages)));
    const model = new BuiltinReceptionistModel();
    await collect(model.stream(request([greeting, { role: 'user', content: 'What are your hours?' }])));
    const again = await collect(model.stream(request(messages)));
    expect(again).toEqual(first);
    expect(first.map((event) => (event.type === 'text' ? event.text : '')).join('')).toBe(
      'Sure, I can help with that. Thank you, Jane. And what is your date of birth?',
    );
  });

  it('yields nothing when the request is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const events = await collect(
      new BuiltinReceptionistModel().stream(request([greeting, { role: 'user', content: 'book a cleaning' }], { signal: controller.signal })),
    );
    expect(events).toEqual([]);
  });

  it('stops streaming as soon as the request is aborted', async () => {
    const controller = new AbortController();
    const events = await collect(
      new BuiltinReceptionistModel().stream(
        request([greeting, { role: 'user', content: "I'd like a cleaning next Tuesday at ten" }], { signal: controller.signal }),
      ),
      () => controller.abort(),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.type).toBe('text');
  });

  it('reads tool results whose assistant message carried the spoken text', async () => {
    const messages: ModelMessage[] = [
      greeting,
      { role: 'user', content: 'What are your hours?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'builtin_3', name: 'get_practice_info', arguments: '{"topic":"hours"}' }] },
      { role: 'tool', toolCallId: 'builtin_3', content: JSON.stringify({ ok: true, tool: 'get_practice_info', topic: 'hours', answer: 'We open at 8.' }) },
    ];
    const text = (await collect(new BuiltinReceptionistModel().stream(request(messages))))
      .map((event) => (event.type === 'text' ? event.text : ''))
      .join('');
    expect(text).toBe('We open at 8. Is there anything else I can help you with?');
  });

  it('apologises and offers the front desk when a tool result is not valid JSON of the contract', async () => {
    const messages: ModelMessage[] = [
      greeting,
      { role: 'user', content: 'A cleaning tomorrow please' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'builtin_3', name: 'check_availability', arguments: '{"appointment_type":"cleaning","date":"2026-10-29"}' }] },
      { role: 'tool', toolCallId: 'builtin_3', content: '{"ok":true,"tool":"check_availability"' },
    ];
    const text = (await collect(new BuiltinReceptionistModel().stream(request(messages))))
      .map((event) => (event.type === 'text' ? event.text : ''))
      .join('');
    expect(text).toBe("I'm sorry, something went wrong on my end. Would you like me to transfer you to the front desk?");
  });

  it('does not call a tool the conversation did not offer', async () => {
    const tools = ALL_TOOLS.filter((tool) => tool.name !== 'transfer_to_staff');
    const events = await collect(
      new BuiltinReceptionistModel().stream(request([greeting, { role: 'user', content: 'Let me talk to a person' }], { tools })),
    );
    expect(events.some((event) => event.type === 'tool_call')).toBe(false);
    expect(events.map((event) => (event.type === 'text' ? event.text : '')).join('')).toBe(
      "I'm sorry, I can't do that over the phone right now. Is there anything else I can help you with?",
    );
  });

  it('prompts a silent caller only when asked for a reminder', async () => {
    const asked: ModelMessage[] = [greeting, { role: 'user', content: 'I want to book' }, { role: 'assistant', content: 'Sure, I can help with that. What kind of visit would you like to book?' }];
    const model = new BuiltinReceptionistModel();
    const reminder = await collect(model.stream(request(asked, { context: practiceContext({ reminder: true }) })));
    expect(reminder[0]).toEqual({ type: 'text', text: 'Are you still there? ' });
    const again = await collect(model.stream(request(asked)));
    expect(again[0]).toEqual({ type: 'text', text: 'What kind of visit would you like to book? ' });
  });

  it('logs decisions without anything the caller said', async () => {
    const logger = new RecordingLogger();
    const model = new BuiltinReceptionistModel({ logger });
    await collect(model.stream(request([greeting, { role: 'user', content: 'my name is Jane Doe, born March 14 1985, I want to cancel' }])));
    expect(logger.entries.map((entry) => entry.fields)).toEqual([{ messages: 3, pending: 'how_can_i_help', tool: 'find_my_appointments' }]);
    expect(logger.dump()).not.toMatch(/Jane|1985/);
  });
});
