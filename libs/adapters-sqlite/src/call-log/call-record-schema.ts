import { z } from 'zod';

/** A CallRecord as the call log accepts it (and reads it back): the edge between transports and storage. */

export const callChannelSchema = z.enum(['retell', 'twilio', 'elevenlabs', 'simulator']);
export const callOutcomeSchema = z.enum([
  'booked',
  'rescheduled',
  'cancelled',
  'emergency_routed',
  'transferred',
  'information',
  'no_action',
]);
export const transcriptSchema = z.array(z.object({ speaker: z.enum(['caller', 'agent']), text: z.string() }));
export const appointmentIdsSchema = z.array(z.string().min(1));

export const callRecordSchema = z.object({
  callId: z.string().trim().min(1).max(200),
  practiceId: z.string().min(1).max(200),
  channel: callChannelSchema,
  // Callers may withhold their number, or the vendor may send "anonymous": keep what we got, never invent one.
  callerNumber: z.string().max(64).optional(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  transcript: transcriptSchema,
  outcome: callOutcomeSchema,
  summary: z.string().max(10_000).optional(),
  appointmentIds: appointmentIdsSchema,
});
