import { describe, expect, it } from 'vitest';
import type { CallRecord } from '@crowndesk/domain';
import { DEMO_APPOINTMENT, DEMO_PRACTICE_ID, SqliteCallLog } from '../src';
import { useTempDatabase } from './support/temp-database';

const call: CallRecord = {
  callId: 'call_6f1c2a',
  practiceId: DEMO_PRACTICE_ID,
  channel: 'retell',
  callerNumber: '+15555550111',
  startedAt: '2026-06-01T13:00:05.000Z',
  endedAt: '2026-06-01T13:03:41.250Z',
  transcript: [
    { speaker: 'agent', text: 'Thank you for calling Bright Smile Dental, this is Ava.' },
    { speaker: 'caller', text: 'Hi, I need to cancel my cleaning on Thursday.' },
  ],
  outcome: 'cancelled',
  summary: 'Caller cancelled her Thursday cleaning.',
  appointmentIds: [DEMO_APPOINTMENT.id],
};

describe('SqliteCallLog', () => {
  const fixture = useTempDatabase();

  it('records a call and reads it back whole', async () => {
    const log = new SqliteCallLog(fixture.open());

    await log.record(call);

    expect(log.findCall(call.callId)).toEqual(call);
    expect(log.countCalls()).toBe(1);
  });

  it('keeps the first record when the same call is recorded again', async () => {
    const log = new SqliteCallLog(fixture.open());

    await log.record(call);
    await log.record({ ...call, outcome: 'no_action', transcript: [], appointmentIds: [] });

    expect(log.findCall(call.callId)).toEqual(call);
    expect(log.countCalls()).toBe(1);
    expect(fixture.logger.messages()).toContain('call already recorded: duplicate ignored');
  });

  it('dedupes across connections and restarts', async () => {
    await new SqliteCallLog(fixture.open()).record(call);
    const other = new SqliteCallLog(fixture.open());

    await other.record(call);

    expect(other.countCalls()).toBe(1);
    expect(other.findCall(call.callId)).toEqual(call);
  });

  it('records calls without caller number or summary, and normalises instants to UTC', async () => {
    const log = new SqliteCallLog(fixture.open());
    const anonymous: CallRecord = {
      callId: 'CA0123456789abcdef',
      practiceId: 'practice-from-another-directory',
      channel: 'twilio',
      startedAt: '2026-06-01T09:00:00-04:00',
      endedAt: '2026-06-01T09:01:00-04:00',
      transcript: [],
      outcome: 'information',
      appointmentIds: [],
    };

    await log.record(anonymous);

    expect(log.findCall(anonymous.callId)).toEqual({
      ...anonymous,
      startedAt: '2026-06-01T13:00:00.000Z',
      endedAt: '2026-06-01T13:01:00.000Z',
    });
    expect(log.findCall('no-such-call')).toBeNull();
  });

  it('refuses an invalid record', async () => {
    const log = new SqliteCallLog(fixture.open());

    await expect(log.record({ ...call, channel: 'fax' as CallRecord['channel'] })).rejects.toThrow(/Invalid call record/);
    await expect(log.record({ ...call, callId: ' ' })).rejects.toThrow(/Invalid call record/);
    await expect(log.record({ ...call, endedAt: 'later' })).rejects.toThrow(/Invalid call record/);
    expect(log.countCalls()).toBe(0);
  });
});
