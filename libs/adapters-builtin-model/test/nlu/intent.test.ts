import { describe, expect, it } from 'vitest';
import { detectAppointmentType, detectInfoTopic, detectIntents } from '../../src';

const TYPES = [
  { code: 'cleaning', name: 'Cleaning' },
  { code: 'exam', name: 'Exam' },
  { code: 'emergency', name: 'Emergency visit' },
  { code: 'new_patient', name: 'New patient visit' },
  { code: 'whitening', name: 'Teeth whitening' },
];

describe('intents', () => {
  it.each([
    ["I'd like to book a cleaning", 'book'],
    ['Can I schedule an appointment?', 'book'],
    ['I need to come in for a checkup', 'book'],
    ['I need my teeth cleaned', 'book'],
    ['I need to reschedule my appointment', 'reschedule'],
    ['Can I move my cleaning to Friday?', 'reschedule'],
    ['I want to change my appointment time', 'reschedule'],
    ['Actually, can I move that to Thursday at 2?', 'reschedule'],
    ['can we push it back a week', 'reschedule'],
    ['I need to cancel my appointment', 'cancel'],
    ["I won't be able to make my appointment", 'cancel'],
    ['Do you have any openings on Thursday?', 'availability'],
    ["What's your next available appointment?", 'availability'],
    ['Can I talk to a real person?', 'transfer'],
    ['Transfer me to the front desk please', 'transfer'],
    ['I want to speak with someone in billing', 'transfer'],
    ['Okay, bye!', 'goodbye'],
    ['Thanks, have a great day', 'goodbye'],
    ["No, that's all", 'done'],
    ['nothing else, thank you', 'done'],
    ['never mind', 'abandon'],
    ['I have a dental emergency', 'emergency'],
    ["my gum won't stop bleeding", 'emergency'],
    ['Hello?', 'greeting'],
    ['hi there', 'greeting'],
    ['Sorry, can you repeat that?', 'repeat'],
    ['what was that', 'repeat'],
  ])('"%s" shows %s', (said, intent) => {
    expect(detectIntents(said).has(intent as never)).toBe(true);
  });

  it('does not read a reschedule as a new booking, nor "cancel that" as cancelling an appointment', () => {
    expect([...detectIntents('I need to reschedule my appointment')]).toEqual(['reschedule']);
    expect(detectIntents('cancel that').has('cancel')).toBe(false);
    expect(detectIntents('Can you cancel it?').has('cancel')).toBe(true);
  });

  it.each([
    'When is my appointment?',
    "When's my next cleaning?",
    'Can you tell me when my next cleaning is?',
    'I want to confirm my appointment',
    "I'm calling to confirm my son's checkup",
    'Do I have an appointment coming up?',
    'Do I have anything scheduled?',
    'What time is my appointment tomorrow?',
    'I forgot when my appointment is',
    'When are my appointments?',
    'Is my cleaning still on for Friday?',
    'Could you check on my appointment?',
    'What appointments do I have?',
    'Am I still booked for Tuesday?',
  ])('"%s" asks to look up appointments, and is not a booking', (said) => {
    const intents = detectIntents(said);
    expect(intents.has('lookup')).toBe(true);
    expect(intents.has('book')).toBe(false);
  });

  it.each([
    ["I'd like an appointment", 'book'],
    ['Can I schedule an appointment?', 'book'],
    ['I would like to have an appointment', 'book'],
    ["I'd like to book my next cleaning", 'book'],
    ['When is your next opening?', 'availability'],
    ["What's your next available appointment?", 'availability'],
    ['When is the next available cleaning?', 'availability'],
    ['I need to reschedule my appointment', 'reschedule'],
    ['I want to cancel my appointment', 'cancel'],
  ])('"%s" is %s, not a look-up', (said, intent) => {
    const intents = detectIntents(said);
    expect(intents.has(intent as never)).toBe(true);
    expect(intents.has('lookup')).toBe(false);
  });

  it('does not take an emergency visit type for an emergency', () => {
    expect(detectIntents('I need an emergency appointment').has('emergency')).toBe(false);
  });
});

describe('practice questions', () => {
  it.each([
    ['What are your hours?', 'hours'],
    ['Are you open on Saturdays?', 'hours'],
    ['What time do you close today?', 'hours'],
    ["What's your address?", 'address'],
    ['Where are you located?', 'address'],
    ['Do you take Delta Dental?', 'insurance'],
    ['Is my insurance in network?', 'insurance'],
    ['Is there parking?', 'parking'],
    ['Do you offer payment plans?', 'payment'],
    ['Is the office wheelchair accessible?', 'accessibility'],
    ['Do you do implants?', 'services'],
  ])('"%s" asks about %s', (said, topic) => {
    expect(detectInfoTopic(said)).toBe(topic);
  });

  it('does not take a question about openings for one about opening hours', () => {
    expect(detectInfoTopic('Do you have anything open tomorrow?')).toBeUndefined();
    expect(detectIntents('Do you have anything open tomorrow?').has('availability')).toBe(true);
  });
});

describe('appointment types', () => {
  it.each([
    ['a cleaning please', 'cleaning'],
    ['I need my teeth cleaned', 'cleaning'],
    ['time for my hygiene visit', 'cleaning'],
    ['just a checkup', 'exam'],
    ['a check-up and x-rays', 'exam'],
    ['an exam', 'exam'],
    ['I have a toothache', 'emergency'],
    ['I chipped my tooth', 'emergency'],
    ["I'm a new patient", 'new_patient'],
    ["it's my first visit, I'd like a cleaning", 'new_patient'],
    ['some teeth whitening', 'whitening'],
  ])('"%s" is a %s', (said, code) => {
    expect(detectAppointmentType(said, TYPES)).toBe(code);
  });

  it('offers only the types the practice has', () => {
    const noEmergencies = TYPES.filter((type) => type.code !== 'emergency');
    expect(detectAppointmentType('I have a toothache', noEmergencies)).toBeUndefined();
  });
});
