import type { Appointment, Slot } from '../model';
import type { OutboxDeliveryState } from './outbox-message';

/** A booking the caller agreed to that the backend could not take in time ("unavailable now, safe to queue"). */
export interface PendingBooking {
  practiceId: string;
  callId: string;
  patientId: string;
  slot: Slot;
  /** The key the call used for the booking: the relay creates it later with this same key. */
  idempotencyKey: string;
  /** ISO instant the caller agreed to it. */
  requestedAt: string;
}

/** A booking the backend took during the call, to be confirmed there. */
export interface ConfirmedBooking {
  callId: string;
  appointment: Appointment;
  /** The key the call used for the booking. */
  idempotencyKey: string;
  /** ISO instant the caller agreed to it. */
  confirmedAt: string;
}

/** A booking made on a call, as staff see it: what was agreed and how its delivery is going. */
export interface CallBooking {
  practiceId: string;
  callId: string;
  patientId: string;
  slot: Slot;
  idempotencyKey: string;
  /** `queued`: the backend did not take it during the call; `confirmed`: it did, and we confirm it. */
  kind: 'queued' | 'confirmed';
  /** The backend's appointment id when it took the booking during the call. */
  appointmentId: string | null;
  delivery: OutboxDeliveryState;
}

/**
 * Bookings made on calls, each kept locally together with the outbox message that carries it to the backend,
 * in one transaction. Both writes are idempotent on the booking's key.
 */
export interface PendingBookingStore {
  /** Keeps a booking the backend could not take now and queues its creation under the same key. */
  queue(booking: PendingBooking): Promise<void>;
  /** Notes a booking the backend took and queues its confirmation. */
  confirm(booking: ConfirmedBooking): Promise<void>;
  find(practiceId: string, idempotencyKey: string): Promise<CallBooking | null>;
  /** Queued bookings the backend refused (e.g. the slot was taken meanwhile): staff must call the patient back. */
  needingCallBack(practiceId: string, limit?: number): Promise<CallBooking[]>;
}
