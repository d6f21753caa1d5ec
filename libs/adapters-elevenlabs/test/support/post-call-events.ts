import { BRIGHT_SMILE_AGENT, BRIGHT_SMILE_NUMBER } from './practices';

export const CONVERSATION_ID = 'conv_01jabc';
/** 2030-01-07T14:30:00Z */
export const CALL_START_SECONDS = 1_894_026_600;

/** A post_call_transcription event shaped like ElevenLabs' documented example (trimmed, plus phone call metadata). */
export function transcriptionEvent(overrides: { agentId?: string; conversationId?: string; summary?: string | null } = {}) {
  return {
    type: 'post_call_transcription',
    event_timestamp: CALL_START_SECONDS + 200,
    data: {
      agent_id: overrides.agentId ?? BRIGHT_SMILE_AGENT,
      conversation_id: overrides.conversationId ?? CONVERSATION_ID,
      status: 'done',
      user_id: null,
      transcript: [
        { role: 'agent', message: 'Thanks for calling Bright Smile Dental.', tool_calls: null, tool_results: null, feedback: null, time_in_call_secs: 0 },
        { role: 'user', message: 'Hi, this is Maria Gonzalez, I need to cancel.', tool_calls: null, time_in_call_secs: 3 },
        { role: 'agent', message: null, tool_calls: [{ tool_name: 'cancel_appointment' }], time_in_call_secs: 9 },
        { role: 'agent', message: '  Your cleaning on Monday is cancelled.  ', time_in_call_secs: 12 },
      ],
      metadata: {
        start_time_unix_secs: CALL_START_SECONDS,
        call_duration_secs: 95,
        cost: 296,
        phone_call: {
          direction: 'inbound',
          phone_number_id: 'phnum_1',
          agent_number: BRIGHT_SMILE_NUMBER,
          external_number: '+15557654321',
          type: 'twilio',
          call_sid: 'CA123',
        },
      },
      analysis: {
        call_successful: 'success',
        transcript_summary: overrides.summary === undefined ? 'Maria called to cancel her cleaning; it was cancelled.' : overrides.summary,
      },
      conversation_initiation_client_data: { dynamic_variables: { system__agent_id: BRIGHT_SMILE_AGENT } },
      has_audio: true,
    },
  };
}
