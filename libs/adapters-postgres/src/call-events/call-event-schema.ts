import { z } from 'zod';
import { CALL_EVENT_SOURCES, type CallEvent, type CallRecord, OUTBOX_PAYLOAD_SCHEMAS } from '@crowndesk/domain';

/** The call record as the backend receives it: one schema for what the inbox writes and what the outbox sends. */
const callRecordSchema = OUTBOX_PAYLOAD_SCHEMAS['call.record'];
const record = callRecordSchema.shape;

/** A CallEvent as the inbox accepts it: the edge between the receivers (webhooks, conversations) and storage. */
const callEventSchema = z.object({
  source: z.enum(CALL_EVENT_SOURCES),
  callId: z.string().trim().min(1).max(200),
  event: z.string().trim().min(1).max(64),
  practiceId: z.string().trim().min(1).max(200),
  receivedAt: z.iso.datetime({ offset: true }),
  facts: z.object({
    channel: record.channel.optional(),
    callerNumber: record.callerNumber,
    startedAt: record.startedAt.optional(),
    endedAt: record.endedAt.optional(),
    durationMs: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    transcript: record.transcript.optional(),
    outcome: record.outcome.optional(),
    summary: z.object({ text: z.string().max(10_000), kind: z.enum(['analysis', 'outline']) }).optional(),
    appointmentIds: record.appointmentIds.optional(),
  }),
});

/** The event, checked; the error names the fields that were wrong, never their values (they may be PHI). */
export function parseCallEvent(input: CallEvent): CallEvent {
  const parsed = callEventSchema.safeParse(input);
  if (!parsed.success) throw new Error(`Invalid call event: bad ${fieldsOf(parsed.error)}`);
  return parsed.data;
}

/** A merged record, checked before it is written (a row read back may hold what this build would not write). */
export function assertValidCallRecord(merged: CallRecord): void {
  const parsed = callRecordSchema.safeParse(merged);
  if (!parsed.success) throw new Error(`Invalid merged call record of call ${merged.callId}: bad ${fieldsOf(parsed.error)}`);
}

function fieldsOf(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5).join(', ');
}
