import { describe, expect, it } from 'vitest';
import { failureCode } from './failure-code';
import { assertValidOutboxMessage, bookingConfirmationMessage, callRecordMessage, queuedBookingMessage } from './new-messages';
import { parseOutboxMessage } from './outbox-schemas';
import { finishedCall, slot } from './outbox-doubles.fixture';

const envelope = { id: 'obx_1', practiceId: 'practice-maple', idempotencyKey: 'k', attempts: 1, createdAt: '2026-06-01T13:00:00.000Z' };

describe('outbox messages', () => {
  it('derive their keys from ids only', () => {
    const call = finishedCall('CA-1');
    expect(callRecordMessage(call)).toEqual({
      practiceId: 'practice-maple',
      topic: 'call.record',
      idempotencyKey: 'call-record:CA-1',
      payload: call,
    });
    const appointment = { id: 'apt-9', practiceId: 'practice-maple', patientId: 'pat-1', ...slot, status: 'scheduled' as const };
    expect(
      bookingConfirmationMessage({ callId: 'CA-1', appointment, idempotencyKey: 'book-abc', confirmedAt: '2026-06-01T13:00:00.000Z' })
        .idempotencyKey,
    ).toBe('appointment-confirm:apt-9');
    const queued = queuedBookingMessage({
      practiceId: 'practice-maple',
      callId: 'CA-1',
      patientId: 'pat-1',
      slot,
      idempotencyKey: 'book-abc',
      requestedAt: '2026-06-01T13:00:00.000Z',
    });
    expect(queued).toEqual({
      practiceId: 'practice-maple',
      topic: 'appointment.book',
      idempotencyKey: 'book-abc',
      payload: { callId: 'CA-1', patientId: 'pat-1', slot, requestedAt: '2026-06-01T13:00:00.000Z' },
    });
  });

  it('refuse a malformed payload before it is written, naming fields and never values', () => {
    const call = { ...finishedCall('CA-1'), startedAt: 'Maria Lopez' };
    expect(() => assertValidOutboxMessage(callRecordMessage(call))).toThrow('Invalid outbox message (call.record): bad startedAt');
    expect(() => assertValidOutboxMessage(callRecordMessage(call))).not.toThrow(/Maria/);
    expect(() => assertValidOutboxMessage({ ...callRecordMessage(finishedCall('CA-1')), idempotencyKey: ' ' })).toThrow(
      'bad idempotency key',
    );
    expect(() => assertValidOutboxMessage(callRecordMessage(finishedCall('CA-1')))).not.toThrow();
  });

  it('are validated against their topic when read back', () => {
    const good = parseOutboxMessage({ ...envelope, topic: 'call.record', payload: finishedCall('CA-1') });
    expect(good).toEqual({ ok: true, message: { ...envelope, topic: 'call.record', payload: finishedCall('CA-1') } });
    expect(parseOutboxMessage({ ...envelope, topic: 'sms.send', payload: {} })).toEqual({ ok: false, problem: 'unknown_topic' });
    expect(parseOutboxMessage({ ...envelope, topic: 'appointment.book', payload: { callId: 'CA-1' } })).toEqual({
      ok: false,
      problem: 'invalid_payload',
    });
  });
});

describe('failureCode', () => {
  it('keeps short codes and replaces free text, which could quote a patient', () => {
    expect(failureCode('server_error_503')).toBe('server_error_503');
    expect(failureCode(' Timeout ')).toBe('timeout');
    expect(failureCode('Patient Maria Lopez already exists')).toBe('unspecified');
    expect(failureCode('')).toBe('unspecified');
    expect(failureCode('x'.repeat(100))).toHaveLength(64);
  });
});
