import { describe, expect, it } from 'vitest';
import type { CallEvent } from '@crowndesk/domain';
import { CALLER_NAME, CALLER_NUMBER } from '@crowndesk/testing';
import { SqliteCallEventInbox, SqliteCallRecordOutbox, SqliteDurableCallLog, SqliteOutboxStore } from '../src';
import { useTempDatabase } from './support/temp-database';

const event = (name: string, facts: CallEvent['facts']): CallEvent => ({
  source: 'retell',
  callId: 'CA-1',
  event: name,
  practiceId: 'bright-smile',
  receivedAt: '2026-06-01T13:00:00.000Z',
  facts,
});

const ended = event('call_ended', {
  callerNumber: CALLER_NUMBER,
  startedAt: '2026-06-01T12:55:00.000Z',
  endedAt: '2026-06-01T12:59:00.000Z',
  transcript: [{ speaker: 'caller', text: `This is ${CALLER_NAME}.` }],
});
const analyzed = event('call_analyzed', { summary: { text: `${CALLER_NAME} asked about parking.`, kind: 'analysis' } });

describe('call records merged by the call-event inbox, queued for the backend', () => {
  const fixture = useTempDatabase();

  function setup() {
    const database = fixture.open({ seedDemo: false });
    let woken = 0;
    const queue = new SqliteCallRecordOutbox(database, { onQueued: () => (woken += 1) });
    const inbox = new SqliteCallEventInbox(database, { onMerged: (record, _event, now) => queue.queue(record, now) });
    const payload = () =>
      JSON.parse(database.handle.prepare<[], string>('SELECT payload FROM outbox_messages').pluck().get()!) as Record<string, unknown>;
    return { database, inbox, payload, woken: () => woken };
  }

  it('queues one message per call, holding the latest merge while no relay has it', async () => {
    const { database, inbox, payload, woken } = setup();

    await inbox.accept(ended);
    await inbox.accept(ended); // a webhook replay changes nothing
    await inbox.accept(analyzed);

    expect(database.handle.prepare('SELECT topic, idempotency_key, status FROM outbox_messages').all()).toEqual([
      { topic: 'call.record', idempotency_key: 'call-record:CA-1', status: 'pending' },
    ]);
    expect(payload()).toMatchObject({ callId: 'CA-1', summary: `${CALLER_NAME} asked about parking.`, endedAt: '2026-06-01T12:59:00.000Z' });
    expect(woken()).toBe(2);
    expect(await new SqliteDurableCallLog(database).deliveryOf('CA-1')).toEqual({ status: 'pending', attempts: 0, lastError: null });
    expect(fixture.logger.dump()).not.toContain(CALLER_NAME);
  });

  it('refreshes a message a relay has claimed: the attempt in flight sends what it read, a retry the merged record', async () => {
    const { database, inbox, payload } = setup();
    await inbox.accept(ended);
    const [claimed] = await new SqliteOutboxStore(database).claimDue('relay-a', fixture.now, 10, 30_000);

    await inbox.accept(analyzed);

    expect(claimed?.payload).not.toHaveProperty('summary');
    expect(payload()).toMatchObject({ summary: `${CALLER_NAME} asked about parking.` });
  });

  it('rolls back the merged record and the event mark when the message cannot be written', async () => {
    const { database, inbox } = setup();
    database.handle.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox_messages BEGIN SELECT RAISE(ABORT, 'disk full'); END");

    await expect(inbox.accept(ended)).rejects.toThrow('Could not accept call event retell/call_ended of call CA-1');

    const count = (table: string) => database.handle.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('call_events'), count('call_records'), count('outbox_messages')]).toEqual([0, 0, 0]);
  });
});
