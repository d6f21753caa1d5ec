import { describe, expect, it } from 'vitest';
import { FakeTools } from './support/fake-tools';
import { appointment } from './support/practice';
import { startCall } from './support/start-call';

function withAppointments(...appointments: ReturnType<typeof appointment>[]): FakeTools {
  const tools = new FakeTools();
  tools.appointments = appointments;
  return tools;
}

const CLEANING = appointment('appt-1', 'cleaning', '2026-11-05T09:00');
const EXAM = appointment('appt-2', 'exam', '2026-11-12T15:30');

describe('rescheduling an appointment', () => {
  it('verifies the caller, finds the appointment, offers times and moves it after a yes', async () => {
    const call = startCall(withAppointments(CLEANING));
    const askName = await call.say('Hi, I need to reschedule my appointment');
    expect(askName.speech).toBe(
      'Sure, I can help with that. To find your appointment, may I have your first and last name, please?',
    );
    expect((await call.say('Jane Doe')).speech).toBe('Thank you, Jane. And what is your date of birth?');

    const found = await call.say("it's March fourteenth, nineteen eighty five");
    expect(found.calls.map((c) => [c.name, c.args])).toEqual([
      ['find_my_appointments', { full_name: 'Jane Doe', date_of_birth: '1985-03-14' }],
    ]);
    expect(found.speech).toBe(
      'Thank you. Let me look that up. I found your cleaning on Thursday, November 5 at 9 AM with Dr. Lee. What day and time would you like instead?',
    );

    const offered = await call.say('Tuesday morning');
    expect(offered.calls.map((c) => c.args)).toEqual([{ appointment_type: 'cleaning', date: '2026-11-03', part_of_day: 'morning' }]);
    const readBack = await call.say('the 11 o\u2019clock');
    expect(readBack.calls).toEqual([]);
    expect(readBack.speech).toBe(
      "Just to confirm: I'll move your cleaning on Thursday, November 5 at 9 AM with Dr. Lee to Tuesday, November 3 at 11 AM with Dr. Lee. Shall I go ahead?",
    );

    const done = await call.say('yes');
    expect(done.calls.map((c) => [c.name, c.args])).toEqual([
      ['reschedule_appointment', { appointment_ref: 'appt-1', new_start: '2026-11-03T11:00' }],
    ]);
    expect(done.speech).toBe(
      "One moment while I make that change. Done. You're now booked for a cleaning on Tuesday, November 3 at 11 AM with Dr. Lee. Is there anything else I can help you with?",
    );
  });

  it('asks which appointment when there are several, and keeps a new day said up front', async () => {
    const call = startCall(withAppointments(CLEANING, EXAM));
    await call.say('Can I move my appointment to next Wednesday?');
    await call.say('this is Jane Doe');
    const which = await call.say('3/14/1985');
    expect(which.speech).toContain('I see two upcoming appointments.');
    expect(which.speech).toContain('The first is a cleaning on Thursday, November 5 at 9 AM with Dr. Lee.');
    expect(which.speech).toContain('The second is an exam on Thursday, November 12 at 3:30 PM with Dr. Lee.');
    expect(which.speech).toMatch(/Which one would you like to reschedule\?$/);

    const search = await call.say('the exam');
    expect(search.calls.map((c) => c.args)).toEqual([{ appointment_type: 'exam', date: '2026-11-04' }]);
  });

  it('goes straight to the appointment of the type the caller named, among several', async () => {
    const call = startCall(withAppointments(CLEANING, EXAM));
    await call.say('Can I move my exam to next Wednesday?');
    await call.say('Jane Doe');
    const found = await call.say('March 14 1985');
    expect(found.calls.map((c) => [c.name, c.args])).toEqual([
      ['find_my_appointments', { full_name: 'Jane Doe', date_of_birth: '1985-03-14' }],
      ['check_availability', { appointment_type: 'exam', date: '2026-11-04' }],
    ]);
    expect(found.speech).toMatch(
      /^Thank you\. Let me look that up\. I found your exam on Thursday, November 12 at 3:30 PM with Dr\. Lee\. Let me check what we have\./,
    );
  });

  it('does not take the day that describes the appointment for the new day', async () => {
    const call = startCall(withAppointments(CLEANING, EXAM));
    await call.say('I need to reschedule');
    await call.say('Jane Doe, March 14 1985');
    const askWhen = await call.say('the one on Thursday the 12th');
    expect(askWhen.calls).toEqual([]);
    expect(askWhen.speech).toBe('What day and time would you like instead?');
  });

  it('asks for another time when the caller says no at the read-back', async () => {
    const call = startCall(withAppointments(CLEANING));
    await call.say('I need to reschedule my cleaning');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    await call.say('whatever is first');
    await call.say('the first one');
    const again = await call.say('no');
    expect(again.calls).toEqual([]);
    expect(again.speech).toBe('No problem. What day and time would you like instead?');
  });

  it('says so, without details, when the caller has no upcoming appointments', async () => {
    const call = startCall(withAppointments(appointment('appt-3', 'exam', '2026-11-05T09:00', 'cancelled')));
    await call.say('I want to reschedule');
    await call.say('Jane Doe');
    const none = await call.say('March 14 1985');
    expect(none.speech).toBe(
      "Thank you. Let me look that up. I don't see any upcoming appointments under that name and date of birth. Is there anything else I can help you with?",
    );
    const booking = await call.say('Then I would like to book a cleaning');
    expect(booking.speech).toMatch(/^Sure, I can help with that\. What day and time/);
  });
});

describe('cancelling an appointment', () => {
  it('cancels the chosen appointment only after the caller confirms', async () => {
    const call = startCall(withAppointments(CLEANING, EXAM));
    await call.say('I need to cancel my appointment');
    const which = await call.say('this is John Smith, born 1/2/1970');
    expect(which.calls.map((c) => c.args)).toEqual([{ full_name: 'John Smith', date_of_birth: '1970-01-02' }]);
    expect(which.speech).toMatch(/Which one would you like to cancel\?$/);

    const readBack = await call.say('the exam');
    expect(readBack.speech).toBe(
      "Just to confirm: I'll cancel your exam on Thursday, November 12 at 3:30 PM with Dr. Lee. Shall I go ahead?",
    );
    expect(call.toolCalls.map((c) => c.name)).toEqual(['find_my_appointments']);

    const done = await call.say('yes please');
    expect(done.calls.map((c) => [c.name, c.args])).toEqual([['cancel_appointment', { appointment_ref: 'appt-2' }]]);
    expect(done.speech).toBe(
      'One moment while I cancel that. Your exam on Thursday, November 12 at 3:30 PM with Dr. Lee has been cancelled. If you would like to book a new time, just let me know. Is there anything else I can help you with?',
    );
  });

  it('leaves the appointment alone when the caller says no', async () => {
    const call = startCall(withAppointments(CLEANING));
    await call.say('Please cancel my cleaning');
    await call.say('Jane Doe');
    const readBack = await call.say('March 14 1985');
    expect(readBack.speech).toContain("I'll cancel your cleaning on Thursday, November 5 at 9 AM with Dr. Lee. Shall I go ahead?");
    const kept = await call.say("no, don't");
    expect(kept.speech).toBe("All right, I'll leave your appointment as it is. Is there anything else I can help you with?");
    expect(call.toolCalls.map((c) => c.name)).toEqual(['find_my_appointments']);
  });

  it('verifies again when the caller gives a different identity', async () => {
    const call = startCall(withAppointments(CLEANING));
    await call.say('cancel my appointment');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    const again = await call.say('Sorry, my name is Janet Doe');
    expect(again.calls.map((c) => c.args)).toEqual([{ full_name: 'Janet Doe', date_of_birth: '1985-03-14' }]);
  });
});
