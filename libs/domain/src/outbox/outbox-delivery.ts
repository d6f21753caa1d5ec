import type { OutboxMessage } from './outbox-message';

/**
 * What became of one delivery attempt. `reason` is a short code (`server_error_503`, `timeout`,
 * `slot_taken`), stored and logged: never PHI, never a backend's free-text message.
 */
export type DeliveryOutcome =
  | { status: 'delivered' }
  /** Transient (timeout, connection, 5xx): the relay tries again later with the same key. */
  | { status: 'retry'; reason: string }
  /** Permanent (4xx): the backend will never accept this message as it is; parked for staff. */
  | { status: 'rejected'; reason: string };

/** Sends one outbox message to the practice's backend, with `message.idempotencyKey` on every attempt. */
export interface OutboxDelivery {
  /** Stops at once when `signal` aborts (relay stopping, or the attempt's deadline). */
  deliver(message: OutboxMessage, signal: AbortSignal): Promise<DeliveryOutcome>;
}
