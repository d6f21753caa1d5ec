import { describe, expect, it } from 'vitest';
import { FakeTools } from './support/fake-tools';
import { appointment, slot } from './support/practice';
import { startCall } from './support/start-call';

const CLEANING = appointment('appt-1', 'cleaning', '2026-11-05T09:00');
const EXAM = appointment('appt-2', 'exam', '2026-11-12T15:30');
const NEW_PATIENT = appointment('appt-3', 'new_patient', '2026-11-19T08:00');
const CANCELLED = appointment('appt-4', 'exam', '2026-11-06T10:00', 'cancelled');

function withAppointments(...appointments: ReturnType<typeof appointment>[]): FakeTools {
  const tools = new FakeTools();
  tools.appointments = appointments;
  return tools;
}

const ANYTHING_ELSE = 'Is there anything else I can help you with?';

describe('looking up the caller\u2019s appointments', () => {
  it('verifies the caller, says the appointment in words, and moves it next without verifying again', async () => {
    const tools = withAppointments(CLEANING);
    tools.slots = [slot('2026-10-29T14:00'), slot('2026-11-03T10:00')];
    const call = startCall(tools);

    const askName = await call.say('Hi, can you tell me when my next cleaning is?');
    expect(askName.calls).toEqual([]);
    expect(askName.speech).toBe(
      'Sure, I can help with that. To find your appointment, may I have your first and last name, please?',
    );
    expect((await call.say('Jane Doe')).speech).toBe('Thank you, Jane. And what is your date of birth?');

    const told = await call.say('March 14th, 1985');
    expect(told.calls.map((c) => [c.name, c.args])).toEqual([
      ['find_my_appointments', { full_name: 'Jane Doe', date_of_birth: '1985-03-14' }],
    ]);
    expect(told.speech).toBe(
      `Thank you. Let me look that up. You have a cleaning on Thursday, November 5 at 9 AM with Dr. Lee. ${ANYTHING_ELSE}`,
    );

    const more = await call.say('Yes');
    expect(more.calls).toEqual([]);
    expect(more.speech).toBe('Sure, what can I help you with?');

    const search = await call.say('Can I move it to Thursday at 2?');
    expect(search.calls.map((c) => [c.name, c.args])).toEqual([
      ['check_availability', { appointment_type: 'cleaning', date: '2026-10-29', time: '14:00' }],
    ]);
    expect(search.speech).toBe(
      'Sure, I can help with that. Let me check what we have. Good news: Thursday, October 29 at 2 PM with Sam Kim is open. Would you like that one?',
    );

    const readBack = await call.say('yes');
    expect(readBack.speech).toBe(
      "Just to confirm: I'll move your cleaning on Thursday, November 5 at 9 AM with Dr. Lee to Thursday, October 29 at 2 PM with Sam Kim. Shall I go ahead?",
    );
    const done = await call.say('yes please');
    expect(done.calls.map((c) => [c.name, c.args])).toEqual([
      ['reschedule_appointment', { appointment_ref: 'appt-1', new_start: '2026-10-29T14:00' }],
    ]);
    expect(done.speech).toBe(
      `One moment while I make that change. Done. You're now booked for a cleaning on Thursday, October 29 at 2 PM with Sam Kim. ${ANYTHING_ELSE}`,
    );
    expect(call.toolCalls.filter((c) => c.name === 'find_my_appointments')).toHaveLength(1);
  });

  it('says several appointments soonest first, leaving out cancelled ones, and cancels the one named', async () => {
    const call = startCall(withAppointments(EXAM, CANCELLED, CLEANING));
    await call.say('Do I have an appointment coming up?');
    const told = await call.say('This is John Smith, born 1/2/1970');
    expect(told.calls.map((c) => c.args)).toEqual([{ full_name: 'John Smith', date_of_birth: '1970-01-02' }]);
    expect(told.speech).toBe(
      'Thank you, John. Let me look that up. You have two upcoming appointments. ' +
        'The first is a cleaning on Thursday, November 5 at 9 AM with Dr. Lee. ' +
        `The second is an exam on Thursday, November 12 at 3:30 PM with Dr. Lee. ${ANYTHING_ELSE}`,
    );

    const readBack = await call.say("I'd like to cancel the exam");
    expect(readBack.calls).toEqual([]);
    expect(readBack.speech).toBe(
      "Sure, I can help with that. Just to confirm: I'll cancel your exam on Thursday, November 12 at 3:30 PM with Dr. Lee. Shall I go ahead?",
    );
    const done = await call.say('yes');
    expect(done.calls.map((c) => [c.name, c.args])).toEqual([['cancel_appointment', { appointment_ref: 'appt-2' }]]);
    expect(call.toolCalls.map((c) => c.name)).toEqual(['find_my_appointments', 'cancel_appointment']);
  });

  it('asks which appointment when the caller says "it" and several were told', async () => {
    const call = startCall(withAppointments(CLEANING, NEW_PATIENT));
    await call.say('When is my appointment?');
    await call.say('Jane Doe, March 14 1985');
    const which = await call.say('Can you cancel it?');
    expect(which.calls).toEqual([]);
    expect(which.speech).toMatch(/^Sure, I can help with that\. I see two upcoming appointments\./);
    expect(which.speech).toContain('The second is a new patient visit on Thursday, November 19 at 8 AM with Dr. Lee.');
    expect(which.speech).toMatch(/Which one would you like to cancel\?$/);
    const readBack = await call.say('the new patient visit');
    expect(readBack.speech).toBe(
      "Just to confirm: I'll cancel your new patient visit on Thursday, November 19 at 8 AM with Dr. Lee. Shall I go ahead?",
    );
  });

  it('says so when there are no upcoming appointments, then lets the caller go', async () => {
    const call = startCall(withAppointments(CANCELLED));
    await call.say('I want to confirm my appointment');
    await call.say('Jane Doe');
    const none = await call.say('March 14 1985');
    expect(none.calls.map((c) => c.name)).toEqual(['find_my_appointments']);
    expect(none.speech).toBe(
      `Thank you. Let me look that up. I don't see any upcoming appointments under that name and date of birth. ${ANYTHING_ELSE}`,
    );
    const bye = await call.say("No, that's all, thanks");
    expect(bye.calls.map((c) => c.name)).toEqual(['end_call']);
  });

  it('identity_mismatch: asks neutrally for the details again, then tells the appointment once they match', async () => {
    const tools = withAppointments(CLEANING).failNext('find_my_appointments', { error: 'identity_mismatch' });
    const call = startCall(tools);
    await call.say('What time is my appointment?');
    await call.say('Jane Doe');
    const mismatch = await call.say('March 14 1985');
    expect(mismatch.speech).toBe(
      "Thank you. Let me look that up. I couldn't find an appointment under those details. Could you repeat your full name and date of birth?",
    );

    const retry = await call.say('Jane Doe, March 15 1985');
    expect(retry.calls.map((c) => c.args)).toEqual([{ full_name: 'Jane Doe', date_of_birth: '1985-03-15' }]);
    expect(retry.speech).toContain('You have a cleaning on Thursday, November 5 at 9 AM with Dr. Lee.');
  });

  it('uses the identity a caller gave for a booking, without asking for it again', async () => {
    const call = startCall(withAppointments(CLEANING));
    await call.say("I'd like a cleaning next Tuesday at ten");
    await call.say('yes');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    await call.say('yes');
    const told = await call.say('Oh, and when is my other appointment?');
    expect(told.calls.map((c) => [c.name, c.args])).toEqual([
      ['find_my_appointments', { full_name: 'Jane Doe', date_of_birth: '1985-03-14' }],
    ]);
    expect(told.speech).toBe(
      `Sure, I can help with that. Let me look that up. You have a cleaning on Thursday, November 5 at 9 AM with Dr. Lee. ${ANYTHING_ELSE}`,
    );
  });
});
