import type { CallRecord, CallSession, Practice, Utterance } from '@crowndesk/domain';
import { strongestOutcome } from '@crowndesk/domain';
import type { PostCallTranscription } from './post-call-payload';

/** What the ElevenLabs post-call webhook adds to the call record, for the gateway's routing and metrics. */
export interface ElevenLabsCallDetails {
  agentId: string;
  durationSeconds: number;
  /** False when our tool session for the conversation was already forgotten: outcome is then unknown. */
  sessionFound: boolean;
}

/**
 * The call log entry for a finished ElevenLabs conversation. What was booked or changed comes from our
 * own CallSession (the tool calls ran here); who said what and when comes from ElevenLabs.
 */
export function callRecordOf(payload: PostCallTranscription, practice: Practice, session: CallSession | undefined): CallRecord {
  const { data } = payload;
  const startedAtMs = data.metadata.start_time_unix_secs * 1000;
  const outcomes = session?.outcomes ?? [];
  const callerNumber = callerNumberOf(payload);
  const summary = data.analysis?.transcript_summary?.trim();
  return {
    callId: data.conversation_id,
    practiceId: practice.id,
    channel: 'elevenlabs',
    ...(callerNumber ? { callerNumber } : {}),
    startedAt: new Date(startedAtMs).toISOString(),
    endedAt: new Date(startedAtMs + Math.round(data.metadata.call_duration_secs * 1000)).toISOString(),
    transcript: transcriptOf(payload),
    outcome: strongestOutcome(outcomes),
    ...(summary ? { summary } : {}),
    appointmentIds: [...new Set(session?.appointmentIds ?? [])],
  };
}

/** The number that was dialled, for resolving the practice when the agent id is unknown. */
export function calledNumberOf(payload: PostCallTranscription): string | undefined {
  return payload.data.metadata.phone_call?.agent_number ?? dynamicVariable(payload, 'system__called_number');
}

function callerNumberOf(payload: PostCallTranscription): string | undefined {
  const phoneCall = payload.data.metadata.phone_call;
  const fromCall = phoneCall && phoneCall.direction !== 'outbound' ? phoneCall.external_number : undefined;
  return fromCall ?? dynamicVariable(payload, 'system__caller_id');
}

function dynamicVariable(payload: PostCallTranscription, name: string): string | undefined {
  const value = payload.data.conversation_initiation_client_data?.dynamic_variables?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** ElevenLabs roles to ours; turns without words (tool calls) are left out. */
function transcriptOf(payload: PostCallTranscription): Utterance[] {
  const utterances: Utterance[] = [];
  for (const turn of payload.data.transcript) {
    const text = turn.message?.trim();
    if (!text) continue;
    if (turn.role === 'agent') utterances.push({ speaker: 'agent', text });
    else if (turn.role === 'user') utterances.push({ speaker: 'caller', text });
  }
  return utterances;
}
