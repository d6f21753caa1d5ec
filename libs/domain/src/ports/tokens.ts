/** Injection tokens for the ports. The gateway binds one adapter to each, in one place. */
export const TOKENS = {
  PracticeDirectory: Symbol.for('crowndesk.PracticeDirectory'),
  SchedulingBackend: Symbol.for('crowndesk.SchedulingBackend'),
  CallLog: Symbol.for('crowndesk.CallLog'),
  LanguageModel: Symbol.for('crowndesk.LanguageModel'),
  Clock: Symbol.for('crowndesk.Clock'),
  Logger: Symbol.for('crowndesk.Logger'),
} as const;

/** Tokens of the voice path (Twilio media streams): listening, speaking, call control. */
export const VOICE_TOKENS = {
  SpeechRecognizer: Symbol.for('crowndesk.SpeechRecognizer'),
  SpeechSynthesizer: Symbol.for('crowndesk.SpeechSynthesizer'),
  CallControl: Symbol.for('crowndesk.CallControl'),
} as const;
