import type { CallRecord } from '../model';
import type { CallEvent } from './call-event';

/** The event name of our own conversation's record of a call (`Conversation.finish`). */
export const CONVERSATION_FINISHED = 'finished';

/**
 * Our conversation's record of a call, as facts to merge with what voice platforms report. Its summary is an
 * outline built from outcomes, so a vendor's post-call analysis replaces it.
 */
export function conversationFinishedEvent(record: CallRecord): CallEvent {
  return {
    source: 'conversation',
    callId: record.callId,
    event: CONVERSATION_FINISHED,
    practiceId: record.practiceId,
    receivedAt: record.endedAt,
    facts: {
      channel: record.channel,
      ...(record.callerNumber !== undefined ? { callerNumber: record.callerNumber } : {}),
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      transcript: record.transcript,
      outcome: record.outcome,
      ...(record.summary !== undefined ? { summary: { text: record.summary, kind: 'outline' as const } } : {}),
      appointmentIds: record.appointmentIds,
    },
  };
}
