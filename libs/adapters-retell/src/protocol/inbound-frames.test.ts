import { describe, expect, it } from 'vitest';
import { parseInboundFrame } from './inbound-frames';

const parse = (frame: unknown) => parseInboundFrame(JSON.stringify(frame));

describe('parseInboundFrame', () => {
  it('reads a ping_pong', () => {
    expect(parse({ interaction_type: 'ping_pong', timestamp: 1703302407333 })).toEqual({
      kind: 'event',
      event: { interaction_type: 'ping_pong', timestamp: 1703302407333 },
    });
  });

  it('reads call_details and keeps fields it does not need', () => {
    const result = parse({
      interaction_type: 'call_details',
      call: { call_id: 'Jabr9TXY', agent_id: 'oBeD', call_status: 'registered', from_number: '+12137771234', to_number: '+12137771235', direction: 'inbound', metadata: {} },
    });

    expect(result).toMatchObject({ kind: 'event', event: { call: { call_id: 'Jabr9TXY', agent_id: 'oBeD', call_status: 'registered' } } });
  });

  it('reads a web call, which has no phone numbers', () => {
    expect(parse({ interaction_type: 'call_details', call: { call_id: 'web1', agent_id: 'a', call_type: 'web_call' } }).kind).toBe('event');
  });

  it('accepts the stray timestamp of the doc sample and any transcript role', () => {
    const result = parse({
      interaction_type: 'response_required',
      response_id: 3,
      timestamp: 3,
      transcript: [
        { role: 'agent', content: 'Hi', words: [] },
        { role: 'transfer_target', content: 'Front desk' },
        { role: 'user', content: 'Hello', words: [{ word: 'Hello', start: 1.2, end: 1.5 }] },
      ],
    });

    expect(result).toMatchObject({ kind: 'event', event: { interaction_type: 'response_required', response_id: 3 } });
  });

  it('reads reminder_required and update_only with tool-call transcripts', () => {
    expect(parse({ interaction_type: 'reminder_required', response_id: 4, transcript: [] }).kind).toBe('event');
    expect(
      parse({
        interaction_type: 'update_only',
        transcript: [],
        transcript_with_tool_calls: [{ role: 'tool_call_invocation', tool_call_id: 't', name: 'n', arguments: '{}' }],
        turntaking: 'user_turn',
      }).kind,
    ).toBe('event');
  });

  it('reports an unknown interaction_type without failing', () => {
    expect(parse({ interaction_type: 'brand_new', x: 1 })).toEqual({ kind: 'unknown', interactionType: 'brand_new' });
  });

  it.each([
    ['not JSON', '{oops', 'invalid JSON'],
    ['a JSON array', '[1,2]', 'frame is not an object with an interaction_type'],
    ['no interaction_type', '{"response_id":1}', 'frame is not an object with an interaction_type'],
    ['a ping without timestamp', '{"interaction_type":"ping_pong"}', 'invalid ping_pong: timestamp: Invalid input: expected number, received undefined'],
    ['a negative response id', '{"interaction_type":"response_required","response_id":-1,"transcript":[]}', 'invalid response_required: response_id: Too small: expected number to be >=0'],
    ['a fractional response id', '{"interaction_type":"reminder_required","response_id":1.5,"transcript":[]}', 'invalid reminder_required: response_id: Invalid input: expected int, received number'],
    ['call_details without call_id', '{"interaction_type":"call_details","call":{"agent_id":"a"}}', 'invalid call_details: call.call_id: Invalid input: expected string, received undefined'],
    ['an unknown turntaking', '{"interaction_type":"update_only","transcript":[],"turntaking":"nobody"}', 'invalid update_only: turntaking: Invalid option: expected one of "agent_turn"|"user_turn"'],
  ])('rejects %s', (_case, text, problem) => {
    expect(parseInboundFrame(text)).toEqual({ kind: 'invalid', problem });
  });

  it('never quotes frame content in the problem', () => {
    const result = parseInboundFrame(JSON.stringify({ interaction_type: 'update_only', transcript: [{ role: 'user', content: 42 }] }));

    expect(result.kind).toBe('invalid');
    expect(JSON.stringify(result)).not.toContain('42');
  });
});
