import type { OutboxDeliveryState, OutboxStatus, StoredOutboxMessage } from '@crowndesk/domain';

/** An outbox_messages row as the relay needs it (pg parses jsonb and timestamptz). */
export interface OutboxRow {
  id: string;
  practice_id: string;
  topic: string;
  idempotency_key: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

export interface DeliveryStateRow {
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
}

export const OUTBOX_COLUMNS = 'id, practice_id, topic, idempotency_key, payload, attempts, created_at';

export function storedMessageFromRow(row: OutboxRow): StoredOutboxMessage {
  return {
    id: row.id,
    practiceId: row.practice_id,
    topic: row.topic,
    idempotencyKey: row.idempotency_key,
    payload: row.payload,
    attempts: row.attempts,
    createdAt: row.created_at.toISOString(),
  };
}

export function deliveryStateFromRow(row: DeliveryStateRow): OutboxDeliveryState {
  return { status: row.status, attempts: row.attempts, lastError: row.last_error };
}
