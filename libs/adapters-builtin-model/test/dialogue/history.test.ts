import { describe, expect, it } from 'vitest';
import type { ModelMessage } from '@crowndesk/domain';
import { readHistory } from '../../src/dialogue';

describe('reading the call from the messages', () => {
  it('keeps caller lines, agent lines and tool rounds in order, without the system prompt', () => {
    const messages: ModelMessage[] = [
      { role: 'system', content: 'rules' },
      { role: 'assistant', content: 'How can I help?' },
      { role: 'user', content: 'What are your hours?' },
      { role: 'assistant', content: 'Let me check.', toolCalls: [{ id: 'a', name: 'get_practice_info', arguments: '{"topic":"hours"}' }] },
      { role: 'tool', toolCallId: 'a', content: '{"ok":true,"tool":"get_practice_info","topic":"hours","answer":"8 to 5"}' },
      { role: 'user', content: '   ' },
    ];
    expect(readHistory(messages)).toEqual([
      { kind: 'agent', text: 'How can I help?' },
      { kind: 'caller', text: 'What are your hours?' },
      { kind: 'agent', text: 'Let me check.' },
      {
        kind: 'tools',
        exchanges: [
          {
            invocation: { name: 'get_practice_info', args: { topic: 'hours' } },
            result: { ok: true, tool: 'get_practice_info', topic: 'hours', answer: '8 to 5' },
          },
        ],
      },
    ]);
  });

  it('forgets tool calls whose results never came (an aborted turn)', () => {
    const messages: ModelMessage[] = [
      { role: 'user', content: 'book a cleaning tomorrow' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'check_availability', arguments: '{"appointment_type":"cleaning"}' }] },
      { role: 'user', content: 'actually, never mind' },
    ];
    expect(readHistory(messages).map((event) => event.kind)).toEqual(['caller', 'caller']);
  });

  it('marks unreadable results and arguments instead of trusting them', () => {
    const messages: ModelMessage[] = [
      { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'cancel_appointment', arguments: '{"appointment_ref":' }] },
      { role: 'tool', toolCallId: 'a', content: '{"ok":true,"tool":"cancel_appointment"}' },
    ];
    expect(readHistory(messages)).toEqual([
      { kind: 'tools', exchanges: [{ invocation: { name: 'cancel_appointment', args: null }, result: null }] },
    ]);
  });

  it('ignores calls to tools outside the contract', () => {
    const messages: ModelMessage[] = [
      { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'delete_everything', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'a', content: '{"ok":false,"error":"unknown_tool","message":"no"}' },
    ];
    expect(readHistory(messages)).toEqual([]);
  });
});
