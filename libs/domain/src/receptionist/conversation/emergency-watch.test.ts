import { describe, expect, it } from 'vitest';
import { agent, caller } from './doubles.fixture';
import { EmergencyWatch } from './emergency-watch';

describe('EmergencyWatch', () => {
  it('screens only caller speech', () => {
    const watch = new EmergencyWatch();
    expect(watch.check([agent('Is this a dental emergency? Any swelling in your face?'), caller('No, just booking.')])).toBeNull();
  });

  it('screens only what is new since the last check, plus the last utterance it saw', () => {
    const watch = new EmergencyWatch();
    const transcript = [agent('Hello.'), caller('I need a cleaning.')];
    expect(watch.check(transcript)).toBeNull();
    // The transport extended the caller's utterance while they kept talking.
    transcript[1] = caller('I need a cleaning. Actually my face is swollen.');
    expect(watch.check(transcript)).toBe('facial_swelling');
  });

  it('finds the emergency again until it has been routed, then never again', () => {
    const watch = new EmergencyWatch();
    const transcript = [agent('Hello.'), caller('My tooth got knocked out.')];
    expect(watch.check(transcript)).toBe('dental_trauma');
    expect(watch.check([...transcript, caller('Hello?')])).toBe('dental_trauma');
    watch.markRouted();
    expect(watch.check([...transcript, caller('Hello?'), caller('The bleeding will not stop.')])).toBeNull();
  });

  it('does not rescreen utterances it has already passed', () => {
    const watch = new EmergencyWatch();
    const transcript = [caller('A cleaning please.'), agent('Sure, which day?'), caller('Tuesday.')];
    expect(watch.check(transcript)).toBeNull();
    // Only new words are screened: a revision far back in the transcript is not a new caller turn.
    transcript[0] = caller('A cleaning please, my face is swollen.');
    expect(watch.check([...transcript, agent('Morning or afternoon?')])).toBeNull();
    expect(watch.check([...transcript, agent('Morning or afternoon?'), caller('Morning. My cheek is swollen too.')])).toBe(
      'facial_swelling',
    );
  });
});
