import { describe, expect, it } from 'vitest';
import { toUtterances } from './transcript';

describe('toUtterances', () => {
  it('maps user to caller and agent to agent, in order, skipping other roles', () => {
    expect(
      toUtterances([
        { role: 'agent', content: 'Bright Smile, how can I help?' },
        { role: 'user', content: '(unintelligible audio)', words: [] },
        { role: 'transfer_target', content: 'Front desk speaking' },
        { role: 'user', content: 'Can I book a cleaning?' },
      ]),
    ).toEqual([
      { speaker: 'agent', text: 'Bright Smile, how can I help?' },
      { speaker: 'caller', text: '(unintelligible audio)' },
      { speaker: 'caller', text: 'Can I book a cleaning?' },
    ]);
  });
});
