import { describe, expect, it } from 'vitest';
import { CALL_ID, conversationRecord, retellEvent } from './call-events.fixture';
import { InMemoryCallEventInbox } from './in-memory-call-event-inbox.fixture';
import { InboxCallLog } from './inbox-call-log';

describe('InboxCallLog', () => {
  it("merges the conversation's record with Retell's webhooks that arrived first", async () => {
    const inbox = new InMemoryCallEventInbox();
    await inbox.accept(retellEvent('call_ended'));

    await new InboxCallLog(inbox).record(conversationRecord);

    const record = inbox.records.get(CALL_ID);
    expect(record?.outcome).toBe('booked');
    expect(record?.appointmentIds).toEqual(['appt-901']);
    expect(record?.transcript).toEqual(retellEvent('call_ended').facts.transcript);
    expect(record?.summary).toBe('Booked 1 appointment');
  });

  it('keeps the first record when the same call is recorded twice', async () => {
    const inbox = new InMemoryCallEventInbox();
    const log = new InboxCallLog(inbox);

    await log.record(conversationRecord);
    await log.record({ ...conversationRecord, outcome: 'no_action', appointmentIds: ['appt-other'] });

    expect(inbox.records.get(CALL_ID)).toEqual(conversationRecord);
  });

  it('passes on a rejection from the inbox', async () => {
    const inbox = new InMemoryCallEventInbox();
    await inbox.accept(retellEvent('call_ended'));

    await expect(new InboxCallLog(inbox).record({ ...conversationRecord, practiceId: 'practice-other' })).rejects.toThrow(
      /recorded for practice/,
    );
  });
});
