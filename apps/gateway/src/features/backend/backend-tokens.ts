/**
 * The gateway's own services of the system of record (the ports' tokens are the domain's TOKENS,
 * OUTBOX_TOKENS and CALL_TOKENS).
 */
export const BACKEND = {
  /** CrownDesk client for live phone turns: short deadline, one quick retry. */
  LiveClient: Symbol.for('crowndesk.gateway.CrownDeskLiveClient'),
  /** CrownDesk client for the outbox relay: one attempt per delivery (the relay backs off), longer deadline. */
  RelayClient: Symbol.for('crowndesk.gateway.CrownDeskRelayClient'),
  /** CrownDesk reachability for readiness. */
  Health: Symbol.for('crowndesk.gateway.CrownDeskHealth'),
  /** The shared PostgreSQL pool (DATABASE_URL); resolved asynchronously at startup. */
  PostgresDatabase: Symbol.for('crowndesk.gateway.PostgresDatabase'),
  /** Queues the call records the call-event inbox merges (SQLite durable state). */
  CallRecordOutbox: Symbol.for('crowndesk.gateway.CallRecordOutbox'),
  /** Where Retell's post-call webhooks are accepted (the CallEventInbox, or a machine-local one). */
  WebhookInbox: Symbol.for('crowndesk.gateway.WebhookInbox'),
} as const;

/** Test-only tuning of the outbox relay (production binds none). */
export interface OutboxRelayTuning {
  pollIntervalMs?: number;
  retry?: { baseDelayMs?: number; maxDelayMs?: number; minDelayMs?: number };
  random?: () => number;
}
