import type { CallRecord } from '../model';
import type { CallEvent } from './call-event';

/** One Retell call seen from every side: Retell's three webhooks and our own conversation's record. */
export const CALL_ID = 'call_8f3a2b9c';
export const PRACTICE_ID = 'practice-bright-smile';
export const CALLER_NUMBER = '+15555550123';

const START = '2026-06-01T13:00:00.000Z';
const END = '2026-06-01T13:04:30.000Z';

const retellTranscript = [
  { speaker: 'agent' as const, text: 'Thank you for calling Bright Smile Dental, this is Ava.' },
  { speaker: 'caller' as const, text: 'Hi, I would like to book a cleaning.' },
  { speaker: 'agent' as const, text: 'You are booked for Tuesday at 10 AM.' },
  { speaker: 'caller' as const, text: 'Great, thanks. Bye.' },
];

export function retellEvent(event: 'call_started' | 'call_ended' | 'call_analyzed'): CallEvent {
  const base = { source: 'retell' as const, callId: CALL_ID, event, practiceId: PRACTICE_ID, receivedAt: '2026-06-01T13:04:31.000Z' };
  switch (event) {
    case 'call_started':
      return { ...base, receivedAt: '2026-06-01T13:00:01.000Z', facts: { channel: 'retell', callerNumber: CALLER_NUMBER, startedAt: START } };
    case 'call_ended':
      return {
        ...base,
        facts: { channel: 'retell', callerNumber: CALLER_NUMBER, startedAt: START, endedAt: END, durationMs: 270_000, transcript: retellTranscript },
      };
    case 'call_analyzed':
      return {
        ...base,
        receivedAt: '2026-06-01T13:05:10.000Z',
        facts: {
          channel: 'retell',
          callerNumber: CALLER_NUMBER,
          startedAt: START,
          endedAt: END,
          durationMs: 270_000,
          transcript: retellTranscript,
          summary: { text: 'The caller booked a cleaning for Tuesday at 10 AM.', kind: 'analysis' },
        },
      };
  }
}

/** What our conversation recorded: it heard one utterance less (the goodbye came after it finished). */
export const conversationRecord: CallRecord = {
  callId: CALL_ID,
  practiceId: PRACTICE_ID,
  channel: 'retell',
  callerNumber: CALLER_NUMBER,
  startedAt: '2026-06-01T13:00:00.400Z',
  endedAt: '2026-06-01T13:04:29.000Z',
  transcript: retellTranscript.slice(0, 3),
  outcome: 'booked',
  summary: 'Booked 1 appointment',
  appointmentIds: ['appt-901'],
};
