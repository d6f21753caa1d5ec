import type { CallLog } from '../ports';
import type { OutboxDeliveryState } from './outbox-message';

/**
 * A CallLog that never loses a call: `record` writes the call record and a `call.record` outbox message in one
 * transaction, and the relay delivers it to the practice's backend. Recording the same call id twice keeps one
 * record and one message.
 */
export interface DurableCallLog extends CallLog {
  /** How the call's record is getting on towards the backend; null when no such call was recorded. */
  deliveryOf(callId: string): Promise<OutboxDeliveryState | null>;
}
