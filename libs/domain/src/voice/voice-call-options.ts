import { z } from 'zod';

export const voiceCallOptionsSchema = z.object({
  /** The call at the telephony vendor (Twilio's CallSid), for transfer and hang-up. */
  callRef: z.string().min(1).max(100),
  /** Audio kept queued ahead of the caller, in ms: enough to ride out network jitter, small enough to clear. */
  playbackLeadMs: z.number().int().min(0).max(2_000).default(80),
  /** How long to wait for the farewell's mark (the caller heard it) before transferring or hanging up. */
  farewellTimeoutMs: z.number().int().min(0).max(60_000).default(5_000),
  /** Silence after the agent finished speaking before the caller is prompted; 0 never prompts. */
  silenceReminderMs: z.number().int().min(0).max(120_000).default(10_000),
  /** Prompts in a row without an answer before the call is ended politely. */
  maxSilenceReminders: z.number().int().min(0).max(10).default(2),
  /** Words a clause needs before a comma may end it (see ClauseSplitter). */
  minWordsForSoftBreak: z.number().int().min(1).max(50).default(5),
  /** Caller audio kept while the recognizer is still connecting, in bytes (default: 2 s of mu-law). */
  maxEarlyAudioBytes: z.number().int().min(0).max(1_000_000).default(16_000),
});

export type VoiceCallOptions = z.input<typeof voiceCallOptionsSchema>;
export type ResolvedVoiceCallOptions = z.output<typeof voiceCallOptionsSchema>;
