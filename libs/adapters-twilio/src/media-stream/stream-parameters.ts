import { z } from 'zod';

/** The `<Parameter>` names the incoming-call TwiML puts on the stream; they come back in `start.customParameters`. */
export const STREAM_PARAMETER_NAMES = {
  callSid: 'callSid',
  practiceId: 'practiceId',
  callerNumber: 'callerNumber',
  streamToken: 'streamToken',
} as const;

export const streamParameters = z.object({
  [STREAM_PARAMETER_NAMES.callSid]: z.string().min(1).max(64),
  [STREAM_PARAMETER_NAMES.practiceId]: z.string().min(1).max(200),
  /** Empty when Twilio gave no caller number. PHI: never logged. */
  [STREAM_PARAMETER_NAMES.callerNumber]: z.string().max(256).default(''),
  [STREAM_PARAMETER_NAMES.streamToken]: z.string().min(1).max(200),
});
export type StreamParameters = z.infer<typeof streamParameters>;
