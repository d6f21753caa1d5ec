import type { OutboxDeliveryState, OutboxStatus, StoredOutboxMessage } from '@crowndesk/domain';

/** An outbox_messages row as the relay needs it. */
export interface OutboxRow {
  id: string;
  practice_id: string;
  topic: string;
  idempotency_key: string;
  payload: string;
  attempts: number;
  created_at: string;
}

export interface DeliveryStateRow {
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
}

export function storedMessageFromRow(row: OutboxRow): StoredOutboxMessage {
  return {
    id: row.id,
    practiceId: row.practice_id,
    topic: row.topic,
    idempotencyKey: row.idempotency_key,
    // A payload that is not JSON cannot be stored (json_valid CHECK); the relay validates its shape.
    payload: JSON.parse(row.payload) as unknown,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

export function deliveryStateFromRow(row: DeliveryStateRow): OutboxDeliveryState {
  return { status: row.status, attempts: row.attempts, lastError: row.last_error };
}
