import type { ElevenLabsCallDetails } from '@crowndesk/adapters-elevenlabs';
import type { CallEvent, CallEventInbox, CallLog, CallRecord, Clock } from '@crowndesk/domain';

/** ElevenLabs' own name for the event: with the source and conversation id it identifies one delivery. */
export const POST_CALL_TRANSCRIPTION = 'post_call_transcription';

export interface PostCallRecording {
  /** Replay guard for the adapter. Always true: the call log below dedupes the record itself. */
  isFirstDelivery(key: string): Promise<boolean>;
  onCallEnded(record: CallRecord, details: ElevenLabsCallDetails): Promise<void>;
}

/**
 * Where an ElevenLabs call's record goes. With a CallEventInbox it arrives as one `elevenlabs` event, merged
 * with anything else known about the call, with durable dedupe on (source, conversation id, event) in the
 * same transaction. Without one it goes straight to the CallLog, which keeps one record per call id. Either
 * way a replayed webhook changes nothing, so no separate delivery store is needed.
 */
export function postCallRecording(target: { inbox: CallEventInbox } | { callLog: CallLog }, clock: Clock): PostCallRecording {
  return {
    isFirstDelivery: async () => true,
    onCallEnded: async (record, details) => {
      if ('inbox' in target) await target.inbox.accept(elevenLabsCallEvent(record, details, clock.now()));
      else await target.callLog.record(record);
    },
  };
}

export function elevenLabsCallEvent(record: CallRecord, details: ElevenLabsCallDetails, receivedAt: Date): CallEvent {
  return {
    source: 'elevenlabs',
    callId: record.callId,
    event: POST_CALL_TRANSCRIPTION,
    practiceId: record.practiceId,
    receivedAt: receivedAt.toISOString(),
    facts: {
      channel: record.channel,
      ...(record.callerNumber !== undefined ? { callerNumber: record.callerNumber } : {}),
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      durationMs: Math.round(details.durationSeconds * 1000),
      transcript: record.transcript,
      outcome: record.outcome,
      // ElevenLabs' summary read the whole conversation: it replaces an outline, never the reverse.
      ...(record.summary !== undefined ? { summary: { text: record.summary, kind: 'analysis' as const } } : {}),
      appointmentIds: record.appointmentIds,
    },
  };
}
