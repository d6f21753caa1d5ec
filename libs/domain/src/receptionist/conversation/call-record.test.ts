import { describe, expect, it } from 'vitest';
import { createCallSession } from '../call-session';
import { buildCallRecord, summarizeCall } from './call-record';
import { agent, caller } from './doubles.fixture';
import { practiceFixture } from './practice.fixture';

describe('summarizeCall', () => {
  it('lists what the call achieved, strongest first, with appointment counts', () => {
    expect(summarizeCall(['transferred', 'booked'])).toBe('Booked 1 appointment; transferred to staff');
    expect(summarizeCall(['information', 'booked', 'booked', 'cancelled'])).toBe(
      'Booked 2 appointments; cancelled 1 appointment; answered questions',
    );
    expect(summarizeCall(['emergency_routed'])).toBe('Routed to the on-call dentist as an emergency');
  });

  it('says no action was taken when nothing was reached', () => {
    expect(summarizeCall([])).toBe('No action taken');
    expect(summarizeCall(['no_action'])).toBe('No action taken');
  });
});

describe('buildCallRecord', () => {
  it('records the session, the final transcript and the strongest outcome', () => {
    const session = createCallSession({
      callId: 'call-7',
      practice: practiceFixture(),
      channel: 'twilio',
      callerNumber: '+15551234567',
      startedAt: '2026-03-03T15:00:00.000Z',
    });
    session.outcomes.push('information', 'rescheduled');
    session.appointmentIds.push('appt-9', 'appt-9');
    const transcript = [agent('Hello.'), caller('Move my cleaning, please.')];

    expect(buildCallRecord(session, transcript, new Date('2026-03-03T15:04:00Z'))).toEqual({
      callId: 'call-7',
      practiceId: 'practice-maple',
      channel: 'twilio',
      callerNumber: '+15551234567',
      startedAt: '2026-03-03T15:00:00.000Z',
      endedAt: '2026-03-03T15:04:00.000Z',
      transcript,
      outcome: 'rescheduled',
      summary: 'Rescheduled 1 appointment; answered questions',
      appointmentIds: ['appt-9'],
    });
  });
});
