import { z } from 'zod';
import type { OutboxMessage, OutboxTopic, StoredOutboxMessage } from './outbox-message';
import { OUTBOX_TOPICS } from './outbox-message';

/**
 * The payload of each topic, checked when a message is written and again when it is read back for delivery:
 * a row is data at rest, and a schema may have moved on since it was written.
 */

const instant = z.iso.datetime({ offset: true });
const id = z.string().trim().min(1).max(200);

const slotSchema = z.object({
  typeCode: z.string().min(1),
  providerId: id,
  operatoryId: id,
  start: instant,
  end: instant,
});

const appointmentSchema = z.object({
  id,
  practiceId: id,
  patientId: id,
  typeCode: z.string().min(1),
  providerId: id,
  operatoryId: id,
  start: instant,
  end: instant,
  status: z.enum(['scheduled', 'confirmed', 'cancelled', 'rescheduled']),
});

const callRecordSchema = z.object({
  callId: id,
  practiceId: id,
  channel: z.enum(['retell', 'twilio', 'elevenlabs', 'simulator']),
  callerNumber: z.string().max(64).optional(),
  startedAt: instant,
  endedAt: instant,
  transcript: z.array(z.object({ speaker: z.enum(['caller', 'agent']), text: z.string() })),
  outcome: z.enum(['booked', 'rescheduled', 'cancelled', 'emergency_routed', 'transferred', 'information', 'no_action']),
  summary: z.string().max(10_000).optional(),
  appointmentIds: z.array(z.string().min(1)),
});

const queuedBookingSchema = z.object({ callId: id, patientId: id, slot: slotSchema, requestedAt: instant });

const bookingConfirmationSchema = z.object({ callId: id, appointment: appointmentSchema, confirmedAt: instant });

export const OUTBOX_PAYLOAD_SCHEMAS = {
  'call.record': callRecordSchema,
  'appointment.book': queuedBookingSchema,
  'appointment.confirm': bookingConfirmationSchema,
} as const satisfies Record<OutboxTopic, z.ZodType>;

/** An idempotency key as the outbox stores it (Stripe's limit: 255 characters). */
export const outboxKeySchema = z.string().trim().min(1).max(255);

export type ParsedOutboxMessage = { ok: true; message: OutboxMessage } | { ok: false; problem: 'unknown_topic' | 'invalid_payload' };

export function isOutboxTopic(topic: string): topic is OutboxTopic {
  return (OUTBOX_TOPICS as readonly string[]).includes(topic);
}

/** Validates a stored message's payload against its topic. Never echoes the payload (it holds PHI). */
export function parseOutboxMessage(stored: StoredOutboxMessage): ParsedOutboxMessage {
  if (!isOutboxTopic(stored.topic)) return { ok: false, problem: 'unknown_topic' };
  const parsed = OUTBOX_PAYLOAD_SCHEMAS[stored.topic].safeParse(stored.payload);
  if (!parsed.success) return { ok: false, problem: 'invalid_payload' };
  return { ok: true, message: { ...stored, topic: stored.topic, payload: parsed.data } as OutboxMessage };
}
