import { describe, expect, it } from 'vitest';
import { FakeTools } from './support/fake-tools';
import { practiceContext } from './support/practice';
import { startCall } from './support/start-call';

describe('practice questions', () => {
  it('answers the hours from get_practice_info and asks what else', async () => {
    const call = startCall();
    const turn = await call.say('What are your hours?');
    expect(turn.calls.map((c) => [c.name, c.args])).toEqual([['get_practice_info', { topic: 'hours' }]]);
    expect(turn.speech).toBe(
      'We are open Monday through Thursday from 8 AM to 5 PM, and Friday from 8 AM to 1 PM. Is there anything else I can help you with?',
    );
  });

  it.each([
    ['Where are you located?', 'address'],
    ['Do you take Delta Dental?', 'insurance'],
    ['Is there parking?', 'parking'],
  ])('asks for the topic of "%s"', async (question, topic) => {
    const turn = await startCall().say(question);
    expect(turn.calls[0]?.args).toEqual({ topic });
  });

  it('goes back to the pending question after answering one in the middle of a booking', async () => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    const turn = await call.say('Wait, is there parking?');
    expect(turn.speech).toBe(
      'There is free parking behind the building. Which would you like: Tuesday, November 3 at 10 AM with Sam Kim, Tuesday, November 3 at 11 AM with Dr. Lee, or Wednesday, November 4 at 2 PM with Sam Kim?',
    );
    await call.say('the first');
    expect((await call.say('Jane Doe')).speech).toContain('date of birth');
  });
});

describe('handing the call to a person', () => {
  it('transfers to the front desk when the caller asks for a person', async () => {
    const call = startCall();
    const turn = await call.say('Can I talk to a real person please?');
    expect(turn.speech).toBe('Of course, let me transfer you.');
    expect(turn.calls.map((c) => [c.name, c.args])).toEqual([
      ['transfer_to_staff', { department: 'front_desk', reason: 'The caller asked for a person.' }],
    ]);
  });

  it('transfers to billing when the caller asks for billing', async () => {
    const turn = await startCall().say('I have a question about my bill, can I speak to someone in billing?');
    expect(turn.calls[0]?.args).toMatchObject({ department: 'billing' });
  });

  it('offers a transfer when emergency words reach it, and finds the first emergency visit on a no', async () => {
    const call = startCall();
    const offer = await call.say("I think it's a dental emergency, my gum is bleeding");
    expect(offer.calls).toEqual([]);
    expect(offer.speech).toBe('That sounds urgent. I can connect you with our team right away. Would you like me to transfer you?');
    const search = await call.say('no, just get me in as soon as possible');
    expect(search.calls.map((c) => [c.name, c.args])).toEqual([['check_availability', { appointment_type: 'emergency' }]]);
  });

  it('asks for the visit type on a no when the practice has no emergency type', async () => {
    const context = practiceContext();
    const call = startCall(new FakeTools(), {
      appointmentTypes: context.appointmentTypes.filter((type) => type.code !== 'emergency'),
    });
    await call.say('I have an emergency');
    const next = await call.say('no');
    expect(next.calls).toEqual([]);
    expect(next.speech).toMatch(/^No problem\. What kind of visit would you like to book\?/);
  });

  it('transfers on a yes to the emergency offer', async () => {
    const call = startCall();
    await call.say('I have an emergency');
    expect((await call.say('yes please')).calls.map((c) => c.name)).toEqual(['transfer_to_staff']);
  });
});

describe('not understanding the caller', () => {
  it('asks to rephrase once, then offers the front desk, and transfers on yes', async () => {
    const call = startCall();
    const first = await call.say('purple monkey dishwasher');
    expect(first.calls).toEqual([]);
    expect(first.speech).toBe("Sorry, I didn't quite catch that. Could you say it another way? How can I help you today?");
    const second = await call.say('banana phone');
    expect(second.calls).toEqual([]);
    expect(second.speech).toBe("I'm sorry, I'm having trouble understanding. Would you like me to transfer you to the front desk?");
    const transfer = await call.say('yes');
    expect(transfer.calls.map((c) => [c.name, c.args])).toEqual([
      ['transfer_to_staff', { department: 'front_desk', reason: 'The receptionist could not understand the caller.' }],
    ]);
  });

  it('repeats the pending question when asking to rephrase', async () => {
    const call = startCall();
    await call.say('I want to book a cleaning');
    const rephrase = await call.say('the blue one');
    expect(rephrase.speech).toMatch(/^Sorry, I didn't quite catch that\. Could you say it another way\? What day and time/);
  });

  it('goes back to the task when the caller declines the transfer', async () => {
    const call = startCall();
    await call.say('I want to book a cleaning');
    await call.say('the blue one');
    await call.say('the green one');
    const back = await call.say('no thanks');
    expect(back.calls).toEqual([]);
    expect(back.speech).toMatch(/^No problem\. What day and time would work best for you\?/);
    expect((await call.say('gibberish')).speech).toMatch(/^Sorry, I didn't quite catch that/);
  });

  it('counts only consecutive misunderstandings', async () => {
    const call = startCall();
    await call.say('mumble');
    await call.say('I want to book a cleaning');
    const once = await call.say('mumble');
    expect(once.speech).toMatch(/^Sorry, I didn't quite catch that/);
  });
});

describe('small talk on the line', () => {
  it('answers a hello with the opening question, not as a misunderstanding', async () => {
    const call = startCall();
    expect((await call.say('Hello?')).speech).toBe('Hi there! How can I help you today?');
    await call.say('mumble');
    expect((await call.say('mumble')).speech).toMatch(/^I'm sorry, I'm having trouble understanding\./);
  });

  it('reassures a caller checking the line mid-task and asks again', async () => {
    const call = startCall();
    await call.say('I want to book a cleaning');
    expect((await call.say('hello? hello?')).speech).toMatch(/^Yes, I'm here\. What day and time would work best for you\?/);
  });

  it('repeats the offered times when asked', async () => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    const again = await call.say('Sorry, can you repeat that?');
    expect(again.calls).toEqual([]);
    expect(again.speech).toBe(
      'Of course. Which would you like: Tuesday, November 3 at 10 AM with Sam Kim, Tuesday, November 3 at 11 AM with Dr. Lee, or Wednesday, November 4 at 2 PM with Sam Kim?',
    );
  });
});

describe('ending the call', () => {
  it('says goodbye and ends the call', async () => {
    const turn = await startCall().say('Okay, bye!');
    expect(turn.speech).toBe('Thank you for calling Maple Street Dental. Have a great day!');
    expect(turn.calls.map((c) => [c.name, c.args])).toEqual([['end_call', {}]]);
  });

  it('ends the call when the caller needs nothing else', async () => {
    const call = startCall();
    await call.say('What are your hours?');
    const turn = await call.say("No, that's all, thank you");
    expect(turn.calls.map((c) => c.name)).toEqual(['end_call']);
  });

  it('asks what the caller needs after a yes to "anything else"', async () => {
    const call = startCall();
    await call.say('What are your hours?');
    expect((await call.say('yes')).speech).toBe('Sure, what can I help you with?');
  });
});

describe('reminding a silent caller', () => {
  it('repeats the pending question gently', async () => {
    const call = startCall();
    await call.say('I want to book an appointment');
    const reminder = await call.silence();
    expect(reminder.calls).toEqual([]);
    expect(reminder.speech).toMatch(/^Are you still there\? What kind of visit would you like to book\?/);
  });

  it('repeats the offered times', async () => {
    const call = startCall();
    await call.say('I need a cleaning, whatever is first');
    expect((await call.silence()).speech).toMatch(/^Are you still there\? Which would you like: Tuesday, November 3 at 10 AM/);
  });

  it('says goodbye and ends the call after two reminders go unanswered', async () => {
    const call = startCall();
    expect((await call.silence()).speech).toBe('Are you still there? How can I help you today?');
    expect((await call.silence()).calls).toEqual([]);
    const last = await call.silence();
    expect(last.speech).toBe("It seems we've lost each other. Please call Maple Street Dental back anytime. Goodbye!");
    expect(last.calls.map((c) => c.name)).toEqual(['end_call']);
  });

  it('starts counting again once the caller speaks', async () => {
    const call = startCall(new FakeTools());
    await call.silence();
    await call.silence();
    await call.say('I want to book a cleaning');
    expect((await call.silence()).calls).toEqual([]);
  });
});
