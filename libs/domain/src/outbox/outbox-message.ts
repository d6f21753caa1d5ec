import type { Appointment, CallRecord, Slot } from '../model';

/**
 * What the outbox carries to the practice's backend, one topic per kind of write. Each is a command the
 * backend must end up having executed exactly once, whatever happened to us in between.
 */
export const OUTBOX_TOPICS = ['call.record', 'appointment.book', 'appointment.confirm'] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

/** A booking the caller agreed to that the backend could not take during the call: create it later. */
export interface QueuedBooking {
  callId: string;
  patientId: string;
  slot: Slot;
  /** ISO instant the caller agreed to it. */
  requestedAt: string;
}

/** A booking the backend took during the call: confirm it there, as the caller agreed to it. */
export interface BookingConfirmation {
  callId: string;
  appointment: Appointment;
  /** ISO instant the caller agreed to it. */
  confirmedAt: string;
}

export interface OutboxPayloads {
  'call.record': CallRecord;
  'appointment.book': QueuedBooking;
  'appointment.confirm': BookingConfirmation;
}

/** What every message has besides its topic and payload. */
export interface OutboxEnvelope {
  id: string;
  practiceId: string;
  /** Sent with every delivery attempt; the backend executes a key once. Unique across the outbox. */
  idempotencyKey: string;
  /** Delivery attempts started so far, counting the current one (a claim is an attempt). */
  attempts: number;
  /** ISO instant the message was written. */
  createdAt: string;
}

/** A message whose payload has been validated against its topic. */
export type OutboxMessage = {
  [T in OutboxTopic]: OutboxEnvelope & { topic: T; payload: OutboxPayloads[T] };
}[OutboxTopic];

/** A message as a store reads it back: topic and payload not yet validated (see parseOutboxMessage). */
export type StoredOutboxMessage = OutboxEnvelope & { topic: string; payload: unknown };

/** A message to write, in the same transaction as the local state it reports. */
export type NewOutboxMessage = {
  [T in OutboxTopic]: { practiceId: string; topic: T; idempotencyKey: string; payload: OutboxPayloads[T] };
}[OutboxTopic];

/** Where a message stands. `rejected` is parked for staff: the backend refused it and it is never retried. */
export type OutboxStatus = 'pending' | 'delivered' | 'rejected';

export interface OutboxDeliveryState {
  status: OutboxStatus;
  attempts: number;
  /** A short code of the last failure (e.g. `server_error_503`, `slot_taken`), never PHI. */
  lastError: string | null;
}
