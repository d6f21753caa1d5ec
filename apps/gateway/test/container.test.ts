import 'reflect-metadata';
import { BuiltinReceptionistModel } from '@crowndesk/adapters-builtin-model';
import { OpenAiLanguageModel } from '@crowndesk/adapters-openai';
import { RetellCallHandler } from '@crowndesk/adapters-retell';
import { SqliteCallEventInbox, SqlitePracticeDirectory, SqliteSchedulingBackend, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import {
  CALL_TOKENS,
  FrontDesk,
  InboxCallLog,
  OUTBOX_TOKENS,
  ReceptionistConversationFactory,
  ReceptionistToolRunner,
  TOKENS,
  type PracticeDirectory,
} from '@crowndesk/domain';
import { describe, expect, it } from 'vitest';
import { GATEWAY } from '../src/container';
import { containersPerTest } from './support/gateway-container';

describe('the gateway container', () => {
  const containerFor = containersPerTest();

  it('binds the embedded adapters, the built-in engine and the receptionist by default', async () => {
    const bound = await containerFor({});
    expect(bound.get(TOKENS.PracticeDirectory)).toBeInstanceOf(SqlitePracticeDirectory);
    expect(bound.get(TOKENS.SchedulingBackend)).toBeInstanceOf(SqliteSchedulingBackend);
    // Conversations record through the call-event inbox, so they merge with Retell's webhooks in any order.
    expect(bound.get(TOKENS.CallLog)).toBeInstanceOf(InboxCallLog);
    expect(bound.get(CALL_TOKENS.CallEventInbox)).toBeInstanceOf(SqliteCallEventInbox);
    // Nothing to deliver anywhere: no outbox, no relay.
    expect(bound.isBound(OUTBOX_TOKENS.OutboxRelay)).toBe(false);
    expect(bound.isBound(OUTBOX_TOKENS.PendingBookingStore)).toBe(false);
    expect(bound.get(TOKENS.LanguageModel)).toBeInstanceOf(BuiltinReceptionistModel);
    expect(bound.get(GATEWAY.FrontDesk)).toBeInstanceOf(FrontDesk);
    expect(bound.get(GATEWAY.ToolRunner)).toBeInstanceOf(ReceptionistToolRunner);
    expect(bound.get(GATEWAY.ConversationFactory)).toBeInstanceOf(ReceptionistConversationFactory);
    expect(bound.get(GATEWAY.RetellCallHandler)).toBeInstanceOf(RetellCallHandler);
    const clock = bound.get<{ now(): Date }>(TOKENS.Clock);
    expect(clock.now()).toBeInstanceOf(Date);
  });

  it('binds OpenAI when OPENAI_API_KEY is set', async () => {
    const bound = await containerFor({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(bound.get(TOKENS.LanguageModel)).toBeInstanceOf(OpenAiLanguageModel);
  });

  it('shares one database between the adapters: the demo practice is found by its number', async () => {
    const bound = await containerFor({});
    const practice = await bound.get<PracticeDirectory>(TOKENS.PracticeDirectory).byPhoneNumber(DEMO_PHONE_NUMBER);
    expect(practice?.name).toBe('Bright Smile Dental');
    expect(bound.get(TOKENS.CallLog)).toBe(bound.get(TOKENS.CallLog));
  });
});
