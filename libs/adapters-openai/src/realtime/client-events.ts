import type { RealtimeSettings } from './options';

/** Our session.update carries this id, so an `error` that refuses it can be told from a passing one. */
export const SESSION_UPDATE_EVENT_ID = 'crowndesk_session_update';

/**
 * Configures a transcription-only session (Realtime GA shape). Twilio's mu-law goes in as `audio/pcmu`
 * untouched, and the server's VAD decides where each utterance ends.
 */
export function sessionUpdateEvent(settings: RealtimeSettings): string {
  const { model, language, prompt, vad } = settings;
  return JSON.stringify({
    type: 'session.update',
    event_id: SESSION_UPDATE_EVENT_ID,
    session: {
      type: 'transcription',
      audio: {
        input: {
          format: { type: 'audio/pcmu' },
          transcription: { model, language, prompt },
          turn_detection: {
            type: 'server_vad',
            threshold: vad.threshold,
            prefix_padding_ms: vad.prefixPaddingMs,
            silence_duration_ms: vad.silenceDurationMs,
          },
          // A phone handset is a close-talking microphone.
          noise_reduction: { type: 'near_field' },
        },
      },
    },
  });
}

export function audioAppendEvent(audio: Uint8Array): string {
  const base64 = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64');
  return JSON.stringify({ type: 'input_audio_buffer.append', audio: base64 });
}
