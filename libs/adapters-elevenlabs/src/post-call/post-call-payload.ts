import { z } from 'zod';

/** Every ElevenLabs workspace webhook: its type decides what follows. */
export const webhookEnvelopeSchema = z.object({ type: z.string().min(1).max(100) });

export const POST_CALL_TRANSCRIPTION = 'post_call_transcription';

const vendorId = z.string().trim().min(1).max(200);

const transcriptTurnSchema = z.object({
  role: z.string(),
  // Tool-call turns carry no message.
  message: z.string().nullish(),
  time_in_call_secs: z.number().nullish(),
});

const phoneCallSchema = z.object({
  direction: z.string().nullish(),
  /** Our number (the one that was called, for inbound calls). */
  agent_number: z.string().max(64).nullish(),
  /** The other party's number (the caller, for inbound calls). */
  external_number: z.string().max(64).nullish(),
});

/**
 * The parts of `post_call_transcription` we use (post-call-webhook.mdx; the Conversation API's shape).
 * Unknown fields are dropped: the audio flags, costs, evaluation results and the rest are not ours to keep.
 */
export const postCallTranscriptionSchema = z.object({
  type: z.literal(POST_CALL_TRANSCRIPTION),
  data: z.object({
    agent_id: vendorId,
    conversation_id: vendorId,
    status: z.string().nullish(),
    transcript: z.array(transcriptTurnSchema).max(10_000),
    metadata: z.object({
      start_time_unix_secs: z.number().int().nonnegative(),
      call_duration_secs: z.number().nonnegative(),
      phone_call: phoneCallSchema.nullish(),
    }),
    analysis: z.object({ transcript_summary: z.string().nullish() }).nullish(),
    conversation_initiation_client_data: z
      .object({ dynamic_variables: z.record(z.string(), z.unknown()).nullish() })
      .nullish(),
  }),
});

export type PostCallTranscription = z.output<typeof postCallTranscriptionSchema>;

/** Where a zod failure is, as dotted paths only: the values may be transcript text (PHI). */
export function issuePaths(error: z.ZodError, limit = 3): string[] {
  return error.issues.slice(0, limit).map((issue) => issue.path.join('.') || '(root)');
}
