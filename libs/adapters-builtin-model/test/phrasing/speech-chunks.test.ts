import { describe, expect, it } from 'vitest';
import { speechChunks } from '../../src';
import { describeAppointment, joinAlternatives, spokenTime, withArticle } from '../../src/phrasing';

describe('speech pieces', () => {
  it('splits sentences and keeps the spaces, so the pieces join back exactly', () => {
    const text = 'Sure, I can help with that. What kind of visit? We can schedule a cleaning!';
    const pieces = speechChunks(text);
    expect(pieces).toEqual(['Sure, I can help with that. ', 'What kind of visit? ', 'We can schedule a cleaning!']);
    expect(pieces.join('')).toBe(text);
  });

  it('splits at a colon followed by a space, but not inside a clock time', () => {
    expect(speechChunks('Just to confirm: a cleaning at 10:00 AM. Shall I book it?')).toEqual([
      'Just to confirm: ',
      'a cleaning at 10:00 AM. ',
      'Shall I book it?',
    ]);
  });

  it('does not end a sentence at a title', () => {
    expect(speechChunks('The first is Tuesday with Dr. Lee. The second is with Ms. Kim.')).toEqual([
      'The first is Tuesday with Dr. Lee. ',
      'The second is with Ms. Kim.',
    ]);
  });
});

describe('spoken words', () => {
  it('says times the way people do', () => {
    expect(spokenTime('10:00')).toBe('10 AM');
    expect(spokenTime('14:30')).toBe('2:30 PM');
    expect(spokenTime('12:00')).toBe('12 PM');
    expect(spokenTime('00:15')).toBe('12:15 AM');
  });

  it('names an appointment once, whether or not the tool words already name its type', () => {
    const types = [{ code: 'new_patient', name: 'New patient visit' }];
    const shown = { type: 'new_patient', spoken: 'New patient visit on Tuesday, November 3 at 10 AM with Dr. Lee' };
    expect(describeAppointment(shown, types)).toBe('new patient visit on Tuesday, November 3 at 10 AM with Dr. Lee');
    const bare = { type: 'new_patient', spoken: 'Tuesday, November 3 at 10 AM with Dr. Lee' };
    expect(describeAppointment(bare, types)).toBe('new patient visit on Tuesday, November 3 at 10 AM with Dr. Lee');
  });

  it('picks the article and joins alternatives', () => {
    expect(withArticle('exam')).toBe('an exam');
    expect(withArticle('cleaning')).toBe('a cleaning');
    expect(joinAlternatives(['a cleaning', 'an exam', 'a new patient visit'])).toBe('a cleaning, an exam, or a new patient visit');
    expect(joinAlternatives(['Tuesday', 'Wednesday'])).toBe('Tuesday or Wednesday');
  });
});
