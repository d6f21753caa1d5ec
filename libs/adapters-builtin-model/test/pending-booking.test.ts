import { describe, expect, it } from 'vitest';
import type { ToolResponder } from './support/simulated-call';
import { FakeTools } from './support/fake-tools';
import { startCall } from './support/start-call';

/** A front desk whose backend is down: bookings are queued for the office to confirm. */
function queuingTools(): FakeTools {
  const tools = new FakeTools();
  const answer = tools.respond;
  const queued: ToolResponder = (call) => {
    const result = answer(call);
    if (call.name !== 'book_appointment' || !result.ok || result.tool !== 'book_appointment') return result;
    return {
      ...result,
      appointment: { ...result.appointment, ref: '', status: 'pending_confirmation' },
      pendingConfirmation: true,
    };
  };
  return Object.assign(tools, { respond: queued });
}

describe('a booking the backend could not take in time', () => {
  it('tells the caller the office will confirm instead of saying it is booked', async () => {
    const call = startCall(queuingTools());
    await call.say("I'd like a cleaning next Tuesday at ten");
    await call.say('yes that works');
    await call.say('my name is jane doe');
    await call.say('March 14, 1985');
    const done = await call.say('Yes please');

    expect(done.calls.map((c) => c.name)).toEqual(['book_appointment']);
    expect(done.speech).toContain(
      "I've noted your request for a cleaning on Tuesday, November 3 at 10 AM with Sam Kim. Our office will call you to confirm it.",
    );
    expect(done.speech).not.toMatch(/all set|I've booked/);
  });
});
