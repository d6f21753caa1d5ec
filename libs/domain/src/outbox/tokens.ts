/** Injection tokens of the outbox. The gateway binds one adapter to each. */
export const OUTBOX_TOKENS = {
  OutboxStore: Symbol.for('crowndesk.OutboxStore'),
  OutboxDelivery: Symbol.for('crowndesk.OutboxDelivery'),
  OutboxRelay: Symbol.for('crowndesk.OutboxRelay'),
  DurableCallLog: Symbol.for('crowndesk.DurableCallLog'),
  PendingBookingStore: Symbol.for('crowndesk.PendingBookingStore'),
} as const;
