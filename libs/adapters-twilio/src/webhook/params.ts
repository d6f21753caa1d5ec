import { z } from 'zod';

const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, 'expected a Twilio call sid');
const accountSid = z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected a Twilio account sid');
/** E.164, `client:name`, a SIP URI or "anonymous": kept as given, never logged. */
const party = z.string().trim().min(1).max(256);

/** The fields of a voice webhook we rely on; Twilio sends many more, which are ignored. */
const callParams = z.object({
  CallSid: callSid,
  AccountSid: accountSid,
  From: party.optional(),
  To: party.optional(),
  CallStatus: z.string().max(32).optional(),
});

export const incomingCallParams = callParams.extend({ To: party });
export type IncomingCallParams = z.infer<typeof incomingCallParams>;

export const gatherParams = callParams.extend({
  /** Absent or empty when the caller said nothing (actionOnEmptyResult). */
  SpeechResult: z.string().max(10_000).optional(),
  /** Not always present; never required. */
  Confidence: z.string().max(32).optional(),
});
export type GatherParams = z.infer<typeof gatherParams>;

export const statusParams = callParams.extend({ CallStatus: z.string().max(32) });
export type StatusParams = z.infer<typeof statusParams>;

/** Call statuses after which the call is over. */
export const FINAL_CALL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
