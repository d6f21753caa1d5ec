import 'reflect-metadata';
import { CrownDeskOutboxDelivery } from '@crowndesk/adapters-crowndesk';
import {
  DEMO_PHONE_NUMBER,
  SqliteCallEventInbox,
  SqliteOutboxStore,
  SqlitePendingBookingStore,
  SqliteSchedulingBackend,
} from '@crowndesk/adapters-sqlite';
import { CALL_TOKENS, InboxCallLog, OUTBOX_TOKENS, OutboxRelay, TOKENS, type PracticeDirectory } from '@crowndesk/domain';
import { describe, expect, it } from 'vitest';
import { BACKEND } from '../src/features/backend/backend-tokens';
import { containersPerTest } from './support/gateway-container';

const BACKEND_ENV = {
  BACKEND_URL: 'http://127.0.0.1:9',
  BACKEND_API_KEY: 'crowndesk_test_key',
  BACKEND_TENANT_ID: 'tenant-1',
};

describe('the gateway container with a CrownDesk backend', () => {
  const containerFor = containersPerTest(BACKEND_ENV);

  it('binds CrownDesk for scheduling and delivery, and the SQLite outbox without DATABASE_URL', async () => {
    const bound = await containerFor({});
    expect(bound.get(TOKENS.SchedulingBackend)).not.toBeInstanceOf(SqliteSchedulingBackend);
    expect(bound.get(OUTBOX_TOKENS.OutboxDelivery)).toBeInstanceOf(CrownDeskOutboxDelivery);
    expect(bound.get(OUTBOX_TOKENS.OutboxStore)).toBeInstanceOf(SqliteOutboxStore);
    expect(bound.get(OUTBOX_TOKENS.PendingBookingStore)).toBeInstanceOf(SqlitePendingBookingStore);
    expect(bound.get(OUTBOX_TOKENS.OutboxRelay)).toBeInstanceOf(OutboxRelay);
    expect(bound.get(CALL_TOKENS.CallEventInbox)).toBeInstanceOf(SqliteCallEventInbox);
    expect(bound.get(TOKENS.CallLog)).toBeInstanceOf(InboxCallLog);
    expect(bound.get(BACKEND.WebhookInbox)).toBe(bound.get(CALL_TOKENS.CallEventInbox));
    // The live turn and the relay use clients of their own.
    expect(bound.get(BACKEND.LiveClient)).not.toBe(bound.get(BACKEND.RelayClient));
  });

  it('seeds no demo practice: with a backend, a practice is configured', async () => {
    const bound = await containerFor({});
    expect(await bound.get<PracticeDirectory>(TOKENS.PracticeDirectory).byPhoneNumber(DEMO_PHONE_NUMBER)).toBeNull();
  });

  it('binds the PostgreSQL outbox and call-event inbox with DATABASE_URL, shared by every machine', async () => {
    const bound = await containerFor({ DATABASE_URL: 'postgres://voice@127.0.0.1:9/crowndesk' });
    expect(bound.isBound(BACKEND.PostgresDatabase)).toBe(true);
    expect(bound.isBound(OUTBOX_TOKENS.PendingBookingStore)).toBe(true);
    // Conversations and webhooks merge through the PostgreSQL inbox; the first-write-wins call log is not used.
    expect(bound.isBound(CALL_TOKENS.CallEventInbox)).toBe(true);
    expect(bound.isBound(OUTBOX_TOKENS.DurableCallLog)).toBe(false);
    expect(bound.isBound(BACKEND.WebhookInbox)).toBe(true);
  });
});
