/** Injection tokens for the call-record ports. */
export const CALL_TOKENS = {
  CallEventInbox: Symbol.for('crowndesk.CallEventInbox'),
} as const;
