import { describe, expect, it } from 'vitest';
import type { CallRecord, PendingBooking } from '@crowndesk/domain';
import { CALLER_NAME, CALLER_NUMBER, callWithPhi, committedKeys, queuedBooking, takenBooking, writeBacklog } from '../src';

const maple = { practiceId: 'practice-maple', practiceName: 'Maple Dental', channel: 'twilio' as const };
const slot = { typeCode: 'cleaning', providerId: 'prov-park', operatoryId: 'op-1', start: '2026-06-09T12:00:00.000Z', end: '2026-06-09T13:00:00.000Z' };

describe('writeBacklog', () => {
  it('records each call and queues its booking, reporting each commit as it happens', async () => {
    const printed: string[] = [];
    const calls: CallRecord[] = [];
    const bookings: PendingBooking[] = [];
    await writeBacklog(
      {
        callLog: {
          record: async (call) => {
            calls.push(call);
            printed.push('(call stored)');
          },
        },
        bookings: {
          queue: async (booking) => {
            bookings.push(booking);
            printed.push('(booking stored)');
          },
        },
        finishedCall: (callId) => callWithPhi(callId, maple),
        pendingBooking: (n, callId) => queuedBooking(n, callId, { practiceId: maple.practiceId, patientId: 'pat-maria', slot }),
      },
      'w1',
      2,
      (line) => printed.push(line),
    );

    expect(calls.map((call) => call.callId)).toEqual(['CA-w1-0', 'CA-w1-1']);
    expect(printed).toEqual([
      '(call stored)',
      'committed call-record:CA-w1-0',
      '(booking stored)',
      'committed book-CA-w1-0-0',
      '(call stored)',
      'committed call-record:CA-w1-1',
      '(booking stored)',
      'committed book-CA-w1-1-1',
      'written',
    ]);
    expect(committedKeys(printed)).toEqual(['call-record:CA-w1-0', 'book-CA-w1-0-0', 'call-record:CA-w1-1', 'book-CA-w1-1-1']);
    expect(bookings.map((booking) => booking.callId)).toEqual(['CA-w1-0', 'CA-w1-1']);
  });

  it('does not report a commit that failed', async () => {
    const printed: string[] = [];
    const failing = writeBacklog(
      {
        callLog: { record: async () => Promise.reject(new Error('disk full')) },
        bookings: { queue: async () => undefined },
        finishedCall: (callId) => callWithPhi(callId, maple),
        pendingBooking: (n, callId) => queuedBooking(n, callId, { practiceId: maple.practiceId, patientId: 'pat-maria', slot }),
      },
      'w1',
      1,
      (line) => printed.push(line),
    );

    await expect(failing).rejects.toThrow('disk full');
    expect(printed).toEqual([]);
  });
});

describe('outbox fixtures', () => {
  it('put the caller\'s name and number into the call, for "never logged" checks', () => {
    const call = callWithPhi('CA-1', maple);

    expect(call.callerNumber).toBe(CALLER_NUMBER);
    expect(call.transcript).toEqual([
      { speaker: 'agent', text: 'Thank you for calling Maple Dental.' },
      { speaker: 'caller', text: `This is ${CALLER_NAME}, I need a cleaning.` },
    ]);
    expect(call.summary).toContain(CALLER_NAME);
  });

  it('key booking n of a call apart from its other bookings and from its confirmations', () => {
    const request = { practiceId: maple.practiceId, patientId: 'pat-maria', slot };
    const queued = queuedBooking(4, 'CA-9', request);
    const taken = takenBooking(4, 'CA-9', request);

    expect(queued).toEqual({ ...request, callId: 'CA-9', idempotencyKey: 'book-CA-9-4', requestedAt: '2026-06-01T12:58:00.000Z' });
    expect(taken.idempotencyKey).toBe('book-CA-9-confirmed-4');
    expect(taken.appointment).toEqual({ id: 'apt-4', practiceId: maple.practiceId, patientId: 'pat-maria', ...slot, status: 'scheduled' });
    expect(queuedBooking(5, 'CA-9', request).idempotencyKey).not.toBe(queued.idempotencyKey);
  });
});
