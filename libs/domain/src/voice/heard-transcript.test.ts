import { describe, expect, it } from 'vitest';
import { HeardTranscript } from './heard-transcript';

describe('HeardTranscript', () => {
  it('joins the heard clauses of one agent turn into one utterance', () => {
    const transcript = new HeardTranscript();
    transcript.agentHeard(1, 'Thanks for calling.');
    transcript.agentHeard(1, 'How can I help?');
    transcript.callerSaid('I need a cleaning.');
    transcript.agentHeard(2, 'Sure.');
    expect(transcript.snapshot()).toEqual([
      { speaker: 'agent', text: 'Thanks for calling. How can I help?' },
      { speaker: 'caller', text: 'I need a cleaning.' },
      { speaker: 'agent', text: 'Sure.' },
    ]);
  });

  it('keeps consecutive agent turns apart and joins consecutive caller utterances', () => {
    const transcript = new HeardTranscript();
    transcript.agentHeard(1, 'Hello.');
    transcript.agentHeard(2, 'Are you still there?');
    transcript.callerSaid('Yes, sorry.');
    transcript.callerSaid(' I was looking for my card. ');
    expect(transcript.snapshot()).toEqual([
      { speaker: 'agent', text: 'Hello.' },
      { speaker: 'agent', text: 'Are you still there?' },
      { speaker: 'caller', text: 'Yes, sorry. I was looking for my card.' },
    ]);
  });

  it('starts a new agent utterance when the same turn resumes after the caller spoke', () => {
    const transcript = new HeardTranscript();
    transcript.agentHeard(3, 'One moment.');
    transcript.callerSaid('Okay.');
    transcript.agentHeard(3, 'Found it.');
    expect(transcript.snapshot().map((utterance) => utterance.text)).toEqual(['One moment.', 'Okay.', 'Found it.']);
  });

  it('ignores blank text and hands out copies', () => {
    const transcript = new HeardTranscript();
    transcript.callerSaid('   ');
    transcript.agentHeard(1, '');
    expect(transcript.length).toBe(0);
    transcript.callerSaid('Hi');
    const copy = transcript.snapshot();
    (copy[0] as { text: string }).text = 'changed';
    expect(transcript.snapshot()).toEqual([{ speaker: 'caller', text: 'Hi' }]);
  });
});
