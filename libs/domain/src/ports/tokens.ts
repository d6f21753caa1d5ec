/** Injection tokens for the ports. The gateway binds one adapter to each, in one place. */
export const TOKENS = {
  PracticeDirectory: Symbol.for('crowndesk.PracticeDirectory'),
  SchedulingBackend: Symbol.for('crowndesk.SchedulingBackend'),
  CallLog: Symbol.for('crowndesk.CallLog'),
  LanguageModel: Symbol.for('crowndesk.LanguageModel'),
  Clock: Symbol.for('crowndesk.Clock'),
  Logger: Symbol.for('crowndesk.Logger'),
} as const;
