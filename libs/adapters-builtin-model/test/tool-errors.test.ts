import { describe, expect, it } from 'vitest';
import { FakeTools } from './support/fake-tools';
import { appointment, slot } from './support/practice';
import { startCall } from './support/start-call';

/** A booking carried to the read-back, ready for "yes". */
async function bookingAtReadBack(tools: FakeTools) {
  const call = startCall(tools);
  await call.say("I'd like a cleaning next Tuesday at ten");
  await call.say('yes');
  await call.say('Jane Doe');
  await call.say('March 14 1985');
  return call;
}

/** A reschedule carried to the lookup of the caller's appointments. */
function withCleaning(): FakeTools {
  const tools = new FakeTools();
  tools.appointments = [appointment('appt-1', 'cleaning', '2026-11-05T09:00')];
  return tools;
}

describe('tool errors, in words', () => {
  it('slot_unavailable: apologises and offers the alternatives, then books the one picked', async () => {
    const tools = new FakeTools().failNext('book_appointment', {
      error: 'slot_unavailable',
      alternatives: [slot('2026-11-03T11:00', 'Dr. Lee'), slot('2026-11-06T09:00')],
    });
    const call = await bookingAtReadBack(tools);
    const taken = await call.say('yes');
    expect(taken.speech).toBe(
      "One moment while I book that. I'm sorry, that time was just taken. I have two openings. The first is Tuesday, November 3 at 11 AM with Dr. Lee. And the second is Friday, November 6 at 9 AM with Sam Kim. Which one works better for you?",
    );
    const readBack = await call.say('the second one');
    expect(readBack.speech).toContain('a cleaning on Friday, November 6 at 9 AM with Sam Kim, for Jane Doe');
    expect((await call.say('yes')).calls[0]?.args).toMatchObject({ start: '2026-11-06T09:00' });
  });

  it('slot_unavailable without alternatives: asks for another time', async () => {
    const call = await bookingAtReadBack(new FakeTools().failNext('book_appointment', { error: 'slot_unavailable' }));
    const taken = await call.say('yes');
    expect(taken.speech).toBe(
      "One moment while I book that. I'm sorry, that time was just taken. What day and time would work best for you? I can also look for the first available opening.",
    );
  });

  it('identity_mismatch: asks for the name and date of birth again, then offers the front desk', async () => {
    const tools = withCleaning()
      .failNext('find_my_appointments', { error: 'identity_mismatch' })
      .failNext('find_my_appointments', { error: 'identity_mismatch' });
    const call = startCall(tools);
    await call.say('I need to reschedule my appointment');
    await call.say('Jane Doe');
    const first = await call.say('March 14 1985');
    expect(first.speech).toBe(
      "Thank you. Let me look that up. I couldn't find an appointment under those details. Could you repeat your full name and date of birth?",
    );
    const second = await call.say('Jane Doe, March 15 1985');
    expect(second.calls.map((c) => c.args)).toEqual([{ full_name: 'Jane Doe', date_of_birth: '1985-03-15' }]);
    expect(second.speech).toMatch(/I'm sorry, I still can't find a match\. Would you like me to transfer you to the front desk\?$/);
    const third = await call.say('Jane Doe, March 16 1985');
    expect(third.calls.map((c) => c.args)).toEqual([{ full_name: 'Jane Doe', date_of_birth: '1985-03-16' }]);
    expect(third.speech).toContain('I found your cleaning');
  });

  it('identity_mismatch on booking: asks to repeat the details', async () => {
    const call = await bookingAtReadBack(new FakeTools().failNext('book_appointment', { error: 'identity_mismatch' }));
    const turn = await call.say('yes');
    expect(turn.speech).toContain("I couldn't match those details to our records. Could you repeat your full name and date of birth?");
    await call.say('Jane Doe, born March 14 1985');
    expect((await call.say('yes')).calls.map((c) => c.name)).toEqual(['book_appointment']);
  });

  it('not_verified: verifies the caller before changing anything', async () => {
    const tools = withCleaning().failNext('reschedule_appointment', { error: 'not_verified' });
    const call = startCall(tools);
    await call.say('I need to reschedule my cleaning');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    await call.say('whatever is first');
    await call.say('the first one');
    const turn = await call.say('yes');
    expect(turn.speech).toContain(
      'Before I can change an appointment, I need to confirm who you are. To find your appointment, may I have your first and last name, please?',
    );
  });

  it('unknown_appointment: looks the appointments up again', async () => {
    const tools = withCleaning().failNext('cancel_appointment', { error: 'unknown_appointment' });
    const call = startCall(tools);
    await call.say('cancel my appointment');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    const turn = await call.say('yes');
    expect(turn.calls.map((c) => c.name)).toEqual(['cancel_appointment', 'find_my_appointments']);
    expect(turn.speech).toContain("I'm sorry, I couldn't find that appointment. Let me look that up.");
  });

  it('unknown_appointment_type: says so and asks for a type the practice books', async () => {
    const call = startCall(new FakeTools().failNext('check_availability', { error: 'unknown_appointment_type' }));
    const turn = await call.say('I need a cleaning tomorrow');
    expect(turn.speech).toContain(
      "I'm sorry, I can't book that kind of visit by phone. What kind of visit would you like to book? We can schedule a cleaning, an exam, an emergency visit, or a new patient visit.",
    );
    const search = await call.say('an exam then');
    expect(search.calls.map((c) => c.args)).toEqual([{ appointment_type: 'exam', date: '2026-10-29' }]);
  });

  it('outside_booking_window with alternatives: offers them', async () => {
    const call = startCall(
      new FakeTools().failNext('check_availability', {
        error: 'outside_booking_window',
        alternatives: [slot('2026-12-24T09:00')],
      }),
    );
    const turn = await call.say('Can I book a cleaning on February 3rd?');
    expect(turn.speech).toContain(
      "I'm sorry, I can't book that date. The closest opening I have is Thursday, December 24 at 9 AM with Sam Kim. Would that work for you?",
    );
    expect((await call.say('yes')).speech).toBe('May I have your first and last name, please?');
  });

  it('outside_booking_window: asks for another day', async () => {
    const call = startCall(new FakeTools().failNext('check_availability', { error: 'outside_booking_window' }));
    const turn = await call.say('Can I book a cleaning on December 3rd 2027?');
    expect(turn.speech).toContain("I'm sorry, I can't book that date. What day and time would work best for you?");
  });

  it('invalid_arguments: asks again for what went into the call', async () => {
    const call = startCall(new FakeTools().failNext('check_availability', { error: 'invalid_arguments' }));
    const turn = await call.say('I need a cleaning tomorrow at 10');
    expect(turn.speech).toContain("I'm sorry, some of those details didn't come through right. What day and time would work best for you?");
  });

  it('backend_unavailable: apologises and offers the front desk; a no lets the caller try again', async () => {
    const call = await bookingAtReadBack(new FakeTools().failNext('book_appointment', { error: 'backend_unavailable' }));
    const down = await call.say('yes');
    expect(down.speech).toBe(
      "One moment while I book that. I'm sorry, our scheduling system isn't responding right now. Would you like me to transfer you to the front desk?",
    );
    const retry = await call.say('no');
    expect(retry.speech).toMatch(/^No problem\. Just to confirm: a cleaning on Tuesday, November 3/);
    expect((await call.say('yes')).calls.map((c) => c.name)).toEqual(['book_appointment']);
  });

  it('backend_unavailable: transfers on a yes', async () => {
    const call = startCall(new FakeTools().failNext('find_my_appointments', { error: 'backend_unavailable' }));
    await call.say('cancel my appointment');
    await call.say('Jane Doe');
    await call.say('March 14 1985');
    expect((await call.say('yes please')).calls.map((c) => c.name)).toEqual(['transfer_to_staff']);
  });

  it('unknown_tool: apologises and offers the front desk', async () => {
    const call = startCall(new FakeTools().failNext('check_availability', { error: 'unknown_tool' }));
    const turn = await call.say('I need a cleaning tomorrow');
    expect(turn.speech).toMatch(/I'm sorry, something went wrong on my end\. Would you like me to transfer you to the front desk\?$/);
  });

  it('get_practice_info failing: says it does not have the answer', async () => {
    const call = startCall(new FakeTools().failNext('get_practice_info', { error: 'invalid_arguments' }));
    const turn = await call.say('What are your hours?');
    expect(turn.speech).toBe("I'm sorry, I don't have that information handy. Is there anything else I can help you with?");
  });

  it('a failed transfer: apologises instead of transferring', async () => {
    const call = startCall(new FakeTools().failNext('transfer_to_staff', { error: 'invalid_arguments' }));
    const turn = await call.say('Let me talk to a person');
    expect(turn.speech).toBe(
      "Of course, let me transfer you. I'm sorry, I can't transfer the call right now. Please try calling back in a few minutes. Is there anything else I can help you with?",
    );
  });
});
