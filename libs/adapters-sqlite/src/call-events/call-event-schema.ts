import { z } from 'zod';
import { CALL_EVENT_SOURCES } from '@crowndesk/domain';
import { appointmentIdsSchema, callChannelSchema, callOutcomeSchema, transcriptSchema } from '../call-log/call-record-schema';

const instantSchema = z.iso.datetime({ offset: true });

/** A CallEvent as the inbox accepts it: the edge between the receivers (webhooks, conversations) and storage. */
export const callEventSchema = z.object({
  source: z.enum(CALL_EVENT_SOURCES),
  callId: z.string().trim().min(1).max(200),
  event: z.string().trim().min(1).max(64),
  practiceId: z.string().min(1).max(200),
  receivedAt: instantSchema,
  facts: z.object({
    channel: callChannelSchema.optional(),
    callerNumber: z.string().max(64).optional(),
    startedAt: instantSchema.optional(),
    endedAt: instantSchema.optional(),
    durationMs: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    transcript: transcriptSchema.optional(),
    outcome: callOutcomeSchema.optional(),
    summary: z.object({ text: z.string().max(10_000), kind: z.enum(['analysis', 'outline']) }).optional(),
    appointmentIds: appointmentIdsSchema.optional(),
  }),
});
