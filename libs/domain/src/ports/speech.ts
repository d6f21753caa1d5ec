/**
 * Listening and speaking, for the voice path where we handle raw call audio ourselves (Twilio).
 * Audio is G.711 mu-law, 8 kHz, mono: what the phone network carries, so nothing is transcoded.
 */

export type RecognitionEvent =
  /** The caller started speaking (use it for barge-in). */
  | { type: 'speech_started' }
  /** Interim words of the current utterance; may change. */
  | { type: 'partial'; text: string }
  /** A finished caller utterance. */
  | { type: 'final'; text: string }
  /** The recognizer failed; the session is over. */
  | { type: 'error'; message: string };

export interface RecognitionSession {
  /** Feed caller audio (mu-law bytes) as it arrives. */
  sendAudio(audio: Uint8Array): void;
  /** Recognition events, until close() or an error. */
  readonly events: AsyncIterable<RecognitionEvent>;
  close(): Promise<void>;
}

export interface SpeechRecognizer {
  open(options: { callId: string; signal: AbortSignal }): Promise<RecognitionSession>;
}

export interface SpeechSynthesizer {
  /** Streams mu-law 8 kHz audio for the text as it is synthesized; stops when the signal aborts. */
  synthesize(text: string, options: { signal: AbortSignal }): AsyncIterable<Uint8Array>;
}

/** Control of a live phone call at the telephony vendor. */
export interface CallControl {
  /** Connect the caller to a human at this (allowlisted) number. */
  transfer(callRef: string, number: string): Promise<void>;
  hangUp(callRef: string): Promise<void>;
}
