import { describe, expect, it } from 'vitest';
import { detectDentalEmergency } from './dental-emergency';

describe('detectDentalEmergency', () => {
  it.each([
    ['I have severe pain in my back tooth', 'severe_pain'],
    ['My toothache is unbearable, I can’t sleep', 'severe_pain'],
    ["I'm in agony", 'severe_pain'],
    ['The pain is a ten out of ten', 'severe_pain'],
    ['My tooth is killing me', 'severe_pain'],
    ['My face is swollen on the left side', 'facial_swelling'],
    ['There is a lot of swelling in my cheek since yesterday', 'facial_swelling'],
    ['My jaw swelled up overnight', 'facial_swelling'],
    ['It hurts to swallow', 'airway'],
    ["I'm having trouble breathing", 'airway'],
    ['I had a tooth pulled and the bleeding won’t stop', 'uncontrolled_bleeding'],
    ['My gum keeps bleeding after the extraction', 'uncontrolled_bleeding'],
    ['It does not stop bleeding', 'uncontrolled_bleeding'],
    ['My son knocked out his front tooth', 'dental_trauma'],
    ['He got a tooth knocked-out at hockey practice', 'dental_trauma'],
    ['I fell off my bike and broke my tooth', 'dental_trauma'],
    ['I was in a car accident. My teeth are cracked.', 'dental_trauma'],
    ['I got punched and now my jaw won’t close', 'jaw_injury'],
    ['I think I dislocated my jaw', 'jaw_injury'],
    ['This is a dental emergency', 'declared_emergency'],
  ])('routes "%s" as %s', (utterance, kind) => {
    expect(detectDentalEmergency(utterance)).toBe(kind);
  });

  it.each([
    'I would like to book my cleaning',
    'Can I move my cleaning to Friday?',
    'No swelling, just a bit of sensitivity',
    "I'm not in pain, I just need a checkup",
    "I'm not in severe pain",
    'The pain is not unbearable, just annoying',
    "My face isn't swollen",
    "I don't have any facial swelling",
    'There was some bleeding but it stopped',
    'My gums bleed a little when I brush',
    "I don't have trouble breathing",
    'I have bad breath, is that a problem?',
    'My filling fell out of my tooth',
    'I chipped my tooth on a popcorn kernel',
    "It's not an emergency",
    'Do you take emergency appointments on Saturdays?',
    'My jaw clicks when I chew',
    'The cleaning last time was really painless',
    "I didn't have an accident, I just have a broken tooth",
  ])('does not route "%s"', (utterance) => {
    expect(detectDentalEmergency(utterance)).toBeNull();
  });

  it('scopes a negation to its own clause', () => {
    expect(detectDentalEmergency("It's not the pain, it's that my face is swollen")).toBe('facial_swelling');
    expect(detectDentalEmergency('No fever, but the swelling in my cheek is getting worse')).toBe('facial_swelling');
  });
});
