import { describe, expect, it } from 'vitest';
import type { CallRecord, Practice } from '@crowndesk/domain';
import { BackendRejectedError, CrownDeskCallLog } from '../src/index';
import { fakeBackend, json, nestError } from './support/backend';
import { testClient } from './support/client';
import { maple } from './support/practice';

const backend = fakeBackend();
const RECORD = '/api/calls/record';

const call: CallRecord = {
  callId: 'CA123',
  practiceId: 'practice-maple',
  channel: 'twilio',
  callerNumber: '+15551230001',
  startedAt: '2025-06-02T18:00:00.000Z',
  endedAt: '2025-06-02T18:03:05.400Z',
  transcript: [
    { speaker: 'agent', text: 'Thank you for calling Maple Dental.' },
    { speaker: 'caller', text: 'Hi, this is Maria Lopez, I need a cleaning.' },
  ],
  outcome: 'booked',
  summary: 'Booked a cleaning.',
  appointmentIds: ['apt-new'],
};

function callLog() {
  const { client, logger } = testClient();
  const practices = { byId: async (id: string): Promise<Practice | null> => (id === maple.id ? maple : null) };
  return { log: new CrownDeskCallLog({ client, practices, logger }), logger };
}

describe('CrownDeskCallLog', () => {
  it("posts the call record with the practice's credentials and a key derived from the call id", async () => {
    backend.on('POST', RECORD, () => json({ id: 'rec-1' }, 201));
    const { log } = callLog();

    await log.record(call);

    expect(backend.seen).toEqual([
      {
        method: 'POST',
        path: RECORD,
        headers: {
          authorization: 'Bearer crowndesk_test_maplekey',
          'x-tenant-id': 'tenant-maple',
          'idempotency-key': 'call-record:CA123',
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: {
          callId: 'CA123',
          channel: 'twilio',
          direction: 'inbound',
          callerNumber: '+15551230001',
          startTime: '2025-06-02T18:00:00.000Z',
          endTime: '2025-06-02T18:03:05.400Z',
          durationSecs: 185,
          status: 'completed',
          outcome: 'appointment_booked',
          wasEmergency: false,
          summary: 'Booked a cleaning.',
          appointmentIds: ['apt-new'],
          transcript: [
            { sequence: 0, role: 'agent', content: 'Thank you for calling Maple Dental.' },
            { sequence: 1, role: 'user', content: 'Hi, this is Maria Lopez, I need a cleaning.' },
          ],
        },
      },
    ]);
  });

  it('records an emergency hand-off as a transfer, and leaves out what is unknown', async () => {
    backend.on('POST', RECORD, () => new Response(null, { status: 204 }));
    const { log } = callLog();

    await log.record({ ...call, callerNumber: undefined, summary: undefined, outcome: 'emergency_routed', appointmentIds: [] });

    expect(backend.seen[0]?.body).toMatchObject({ status: 'transferred', outcome: 'transferred_to_human', wasEmergency: true });
    expect(backend.seen[0]?.body).not.toHaveProperty('callerNumber');
    expect(backend.seen[0]?.body).not.toHaveProperty('summary');
  });

  it('keeps one record: a 409 means the call is already recorded', async () => {
    backend.on('POST', RECORD, () => nestError(409, 'Call already recorded', 'Conflict'));
    const { log, logger } = callLog();

    await expect(log.record(call)).resolves.toBeUndefined();
    expect(logger.at('info').at(-1)?.fields).toEqual({ practiceId: 'practice-maple', callId: 'CA123' });
    expect(logger.dump()).not.toContain('Maria');
  });

  it('retries a failed delivery with the same key', async () => {
    backend.on('POST', RECORD, (_seen, attempt) =>
      attempt === 1 ? nestError(502, 'Bad Gateway', 'Bad Gateway') : json({ id: 'rec-1' }, 201),
    );
    const { log } = callLog();

    await log.record(call);

    expect(backend.seen.map((seen) => seen.headers['idempotency-key'])).toEqual(['call-record:CA123', 'call-record:CA123']);
  });

  it('rethrows other rejections, and refuses a call of an unknown practice without sending it', async () => {
    backend.on('POST', RECORD, () => nestError(400, 'outcome must be a valid enum value', 'Bad Request'));
    const { log } = callLog();

    await expect(log.record(call)).rejects.toBeInstanceOf(BackendRejectedError);
    await expect(log.record({ ...call, practiceId: 'practice-gone' })).rejects.toThrow('unknown practice practice-gone');
    expect(backend.seen).toHaveLength(1);
  });
});
