import { describe, expect, it } from 'vitest';
import { ManualClock } from '@crowndesk/testing';
import { ConversationSessions } from '../src';
import { brightSmile, harborView } from './support/practices';

const MINUTE = 60_000;

describe('ConversationSessions', () => {
  it('creates one elevenlabs CallSession per conversation and returns it on later calls', () => {
    const clock = new ManualClock(new Date('2030-01-07T15:00:00Z'));
    const sessions = new ConversationSessions({ clock });

    const first = sessions.sessionFor({ practice: brightSmile, conversationId: 'conv_1', callerNumber: '+15557654321' });
    clock.advance(MINUTE);
    const again = sessions.sessionFor({ practice: brightSmile, conversationId: 'conv_1' });

    expect(again).toBe(first);
    expect(first).toMatchObject({ callId: 'conv_1', channel: 'elevenlabs', callerNumber: '+15557654321', startedAt: '2030-01-07T15:00:00.000Z' });
    expect(first.outcomes).toEqual([]);
    expect(sessions.size).toBe(1);
  });

  it('keeps conversations of different practices apart, even with the same id', () => {
    const sessions = new ConversationSessions({ clock: new ManualClock(new Date()) });
    const a = sessions.sessionFor({ practice: brightSmile, conversationId: 'conv_1' });
    const b = sessions.sessionFor({ practice: harborView, conversationId: 'conv_1' });
    expect(a).not.toBe(b);
    expect(b.practice.id).toBe(harborView.id);
    expect(sessions.find(harborView.id, 'conv_1')).toBe(b);
  });

  it('forgets a conversation idle for longer than the TTL, but not one still in use', () => {
    const clock = new ManualClock(new Date('2030-01-07T15:00:00Z'));
    const sessions = new ConversationSessions({ clock, idleTtlMs: 10 * MINUTE });
    const idle = sessions.sessionFor({ practice: brightSmile, conversationId: 'idle' });
    const busy = sessions.sessionFor({ practice: brightSmile, conversationId: 'busy' });

    clock.advance(6 * MINUTE);
    sessions.sessionFor({ practice: brightSmile, conversationId: 'busy' });
    clock.advance(6 * MINUTE);

    expect(sessions.find(brightSmile.id, 'idle')).toBeUndefined();
    expect(sessions.find(brightSmile.id, 'busy')).toBe(busy);
    expect(sessions.sessionFor({ practice: brightSmile, conversationId: 'idle' })).not.toBe(idle);
  });

  it('evicts the least recently used conversation beyond the limit', () => {
    const sessions = new ConversationSessions({ clock: new ManualClock(new Date()), maxSessions: 2 });
    sessions.sessionFor({ practice: brightSmile, conversationId: 'a' });
    sessions.sessionFor({ practice: brightSmile, conversationId: 'b' });
    sessions.sessionFor({ practice: brightSmile, conversationId: 'a' });
    sessions.sessionFor({ practice: brightSmile, conversationId: 'c' });

    expect(sessions.size).toBe(2);
    expect(sessions.find(brightSmile.id, 'b')).toBeUndefined();
    expect(sessions.find(brightSmile.id, 'a')).toBeDefined();
  });

  it('forgets an ended conversation', () => {
    const sessions = new ConversationSessions({ clock: new ManualClock(new Date()) });
    sessions.sessionFor({ practice: brightSmile, conversationId: 'conv_1' });
    sessions.end(brightSmile.id, 'conv_1');
    expect(sessions.find(brightSmile.id, 'conv_1')).toBeUndefined();
  });
});
