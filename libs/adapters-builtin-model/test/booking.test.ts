import { describe, expect, it } from 'vitest';
import { FakeTools } from './support/fake-tools';
import { slot } from './support/practice';
import { startCall } from './support/start-call';

describe('booking a new appointment', () => {
  it('checks availability for the type, day and time said in one breath', async () => {
    const call = startCall();
    const turn = await call.say("I'd like a cleaning next Tuesday at ten");
    expect(turn.calls).toEqual([
      { id: expect.any(String), name: 'check_availability', args: { appointment_type: 'cleaning', date: '2026-11-03', time: '10:00' } },
    ]);
    expect(turn.speech).toContain('Good news: Tuesday, November 3 at 10 AM with Sam Kim is open. Would you like that one?');
  });

  it('asks for the type, then the day, one question at a time', async () => {
    const call = startCall();
    const askType = await call.say('I want to book an appointment');
    expect(askType.calls).toEqual([]);
    expect(askType.speech).toBe(
      'Sure, I can help with that. What kind of visit would you like to book? We can schedule a cleaning, an exam, an emergency visit, or a new patient visit.',
    );
    const askWhen = await call.say('um, just a checkup');
    expect(askWhen.calls).toEqual([]);
    expect(askWhen.speech).toMatch(/^What day and time would work best for you\?/);
    const search = await call.say('ten');
    expect(search.calls.map((c) => c.args)).toEqual([{ appointment_type: 'exam', time: '10:00' }]);
  });

  it('reads back and books only after the caller says yes, with exactly the agreed details', async () => {
    const call = startCall();
    await call.say("I'd like a cleaning next Tuesday at ten");
    expect((await call.say('yes that works')).speech).toBe('May I have your first and last name, please?');
    expect((await call.say('my name is jane doe')).speech).toBe('Thank you, Jane. And what is your date of birth?');
    const readBack = await call.say('March 14, 1985');
    expect(readBack.calls).toEqual([]);
    expect(readBack.speech).toBe(
      'Thank you. Just to confirm: a cleaning on Tuesday, November 3 at 10 AM with Sam Kim, for Jane Doe, born March 14, 1985. Shall I book it?',
    );
    expect(call.toolCalls.map((c) => c.name)).toEqual(['check_availability']);

    const done = await call.say('Yes please');
    expect(done.calls.map((c) => [c.name, c.args])).toEqual([
      ['book_appointment', { appointment_type: 'cleaning', start: '2026-11-03T10:00', full_name: 'Jane Doe', date_of_birth: '1985-03-14' }],
    ]);
    expect(done.speech).toBe(
      "One moment while I book that. You're all set. I've booked a cleaning on Tuesday, November 3 at 10 AM with Sam Kim. Is there anything else I can help you with?",
    );
  });

  it('searches the first available when the caller has no preference', async () => {
    const call = startCall();
    await call.say('Can I get an exam?');
    const turn = await call.say('whatever is first');
    expect(turn.calls.map((c) => c.args)).toEqual([{ appointment_type: 'exam' }]);
    expect(turn.speech).toContain('I have three openings. The first is Tuesday, November 3 at 10 AM with Sam Kim.');
    expect(turn.speech).toContain('And the third is Wednesday, November 4 at 2 PM with Sam Kim. Which one works best for you?');
  });

  it('searches from next Monday for "next week" without claiming Monday is full', async () => {
    const call = startCall();
    const turn = await call.say('Could I get my teeth cleaned sometime next week?');
    expect(turn.calls.map((c) => c.args)).toEqual([{ appointment_type: 'cleaning', date: '2026-11-02' }]);
    expect(turn.speech).not.toContain("I don't have anything open");
    expect(turn.speech).toContain('I have three openings.');
  });

  it('passes a part of day when no time was said', async () => {
    const call = startCall();
    const turn = await call.say('Do you have anything tomorrow afternoon for a cleaning?');
    expect(turn.calls.map((c) => c.args)).toEqual([{ appointment_type: 'cleaning', date: '2026-10-29', part_of_day: 'afternoon' }]);
    expect(turn.speech).toContain("I don't have anything open on Thursday, October 29.");
  });

  it.each([
    ['the second one', '2026-11-03T11:00'],
    ['11 am', '2026-11-03T11:00'],
    ['Wednesday', '2026-11-04T14:00'],
    ['the one with Dr. Lee', '2026-11-03T11:00'],
    ['yes, the first', '2026-11-03T10:00'],
  ])('lets the caller pick an offered slot by saying "%s"', async (pick, start) => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    await call.say(pick);
    await call.say('Jane Doe');
    await call.say('3/14/1985');
    const done = await call.say('yes');
    expect(done.calls[0]?.args).toMatchObject({ start });
  });

  it('narrows the choice when the caller names a day with several offered times', async () => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    const narrowed = await call.say('Tuesday');
    expect(narrowed.calls).toEqual([]);
    expect(narrowed.speech).toBe(
      'Which would you like: Tuesday, November 3 at 10 AM with Sam Kim or Tuesday, November 3 at 11 AM with Dr. Lee?',
    );
    await call.say('eleven');
    await call.say('Jane Doe');
    await call.say('3/14/1985');
    expect((await call.say('yes')).calls[0]?.args).toMatchObject({ start: '2026-11-03T11:00' });
  });

  it('searches again when the caller turns the offered times down', async () => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    const askAgain = await call.say('no, none of those work');
    expect(askAgain.calls).toEqual([]);
    expect(askAgain.speech).toMatch(/^No problem\. What day and time would work best for you\?/);
    const search = await call.say('How about Friday at 9?');
    expect(search.calls.map((c) => c.args)).toEqual([{ appointment_type: 'cleaning', date: '2026-10-30', time: '09:00' }]);
  });

  it('asks what to change after a no at the read-back, then reads back again', async () => {
    const call = startCall();
    await call.say("I'd like a cleaning next Tuesday at ten");
    await call.say('yes');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    const whatToChange = await call.say('no');
    expect(whatToChange.calls).toEqual([]);
    expect(whatToChange.speech).toBe(
      'No problem. What would you like to change: the day and time, the name, or the date of birth?',
    );
    expect((await call.say('the date of birth')).speech).toBe('And what is your date of birth?');
    const readBack = await call.say('April 14th, 1985');
    expect(readBack.speech).toContain('for Jane Doe, born April 14, 1985. Shall I book it?');
    expect((await call.say('yes')).calls[0]?.args).toMatchObject({ date_of_birth: '1985-04-14' });
  });

  it('takes a correction said with the no at the read-back', async () => {
    const call = startCall();
    await call.say("I'd like a cleaning next Tuesday at ten");
    await call.say('yes');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    const readBack = await call.say("No, it's spelled Jane Dough. My name is Jane Dough");
    expect(readBack.speech).toContain('for Jane Dough, born March 14, 1985. Shall I book it?');
    expect((await call.say('correct')).calls[0]?.args).toMatchObject({ full_name: 'Jane Dough' });
  });

  it('searches again when the caller changes the day at the read-back', async () => {
    const call = startCall();
    await call.say("I'd like a cleaning next Tuesday at ten");
    await call.say('yes');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    const search = await call.say('Actually, can we do next Wednesday at 2 instead?');
    expect(search.calls.map((c) => c.args)).toEqual([{ appointment_type: 'cleaning', date: '2026-11-04', time: '14:00' }]);
    expect(search.speech).toContain('Good news: Wednesday, November 4 at 2 PM with Sam Kim is open.');
    const readBack = await call.say('yes');
    expect(readBack.speech).toContain('a cleaning on Wednesday, November 4 at 2 PM with Sam Kim, for Jane Doe');
  });

  it('takes name and date of birth given together, and a spoken date of birth', async () => {
    const tools = new FakeTools();
    tools.slots = [slot('2026-11-03T14:30', 'Dr. Lee')];
    const call = startCall(tools);
    const search = await call.say('Hi, this is Jane Doe, I need a checkup on the third at two thirty');
    expect(search.calls.map((c) => c.args)).toEqual([{ appointment_type: 'exam', date: '2026-11-03', time: '14:30' }]);
    const askBirth = await call.say('yes');
    expect(askBirth.speech).toBe('And what is your date of birth?');
    const confirm = await call.say('the fourteenth of March nineteen eighty five');
    expect(confirm.speech).toContain('an exam on Tuesday, November 3 at 2:30 PM');
  });

  it('asks for the last name when only a first name is given', async () => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    await call.say('the first one');
    expect((await call.say('Jane')).speech).toBe('Thanks, Jane. And your last name?');
    expect((await call.say('Doe')).speech).toBe('Thank you, Jane. And what is your date of birth?');
    await call.say('March 14 1985');
    expect((await call.say('yes')).calls[0]?.args).toMatchObject({ full_name: 'Jane Doe' });
  });

  it('welcomes a new patient after booking', async () => {
    const tools = new FakeTools();
    tools.newPatient = true;
    const call = startCall(tools);
    await call.say("I'm a new patient, could I come in next Tuesday at 10?");
    await call.say('yes');
    await call.say('Mary-Kate O\u2019Brien');
    await call.say('7/4/1990');
    const done = await call.say('yes');
    expect(done.calls[0]?.args).toEqual({
      appointment_type: 'new_patient',
      start: '2026-11-03T10:00',
      full_name: "Mary-Kate O'Brien",
      date_of_birth: '1990-07-04',
    });
    expect(done.speech).toContain("We've set you up as a new patient, and we look forward to meeting you.");
  });

  it('asks for another day when nothing is open', async () => {
    const tools = new FakeTools();
    tools.slots = [];
    const call = startCall(tools);
    const turn = await call.say('Can I book a cleaning for Friday?');
    expect(turn.speech).toContain("I'm sorry, I don't have any openings on Friday, October 30. What other day would work for you?");
    tools.slots = [slot('2026-11-02T09:00')];
    const next = await call.say('Monday then');
    expect(next.calls.map((c) => c.args)).toEqual([{ appointment_type: 'cleaning', date: '2026-11-02' }]);
    expect(next.speech).toContain('The closest opening I have is Monday, November 2 at 9 AM with Sam Kim. Would that work for you?');
  });

  it('books on "yes, thanks, bye" at the read-back instead of hanging up', async () => {
    const call = startCall();
    await call.say("I'd like a cleaning next Tuesday at ten");
    await call.say('yes');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    const done = await call.say('Yes, thanks, bye');
    expect(done.calls.map((c) => c.name)).toEqual(['book_appointment']);
  });

  it('drops the booking when the caller changes their mind', async () => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    const dropped = await call.say('never mind');
    expect(dropped.speech).toBe('No problem. Is there anything else I can help you with?');
    expect(call.toolCalls.map((c) => c.name)).toEqual(['check_availability']);
  });
});
