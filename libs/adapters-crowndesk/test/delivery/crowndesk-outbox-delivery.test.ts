import { describe, expect, it } from 'vitest';
import type { CallRecord, OutboxMessage, Practice, Slot } from '@crowndesk/domain';
import { callRecordMessage, queuedBookingMessage, bookingConfirmationMessage } from '@crowndesk/domain';
import { CrownDeskOutboxDelivery } from '../../src/delivery';
import { connectionRefused, fakeBackend, hang, json, nestError } from '../support/backend';
import { testClient } from '../support/client';
import { maple } from '../support/practice';
import { appointmentPage, appointmentRow } from '../support/rows';

const backend = fakeBackend();
const RECORD = '/api/calls/record';
const APPOINTMENTS = '/api/ai-agent/appointments';
const PATIENT_APPOINTMENTS = '/api/ai-agent/patients/appointments';
const STATUS = '/api/ai-agent/appointments/status';

const call: CallRecord = {
  callId: 'CA123',
  practiceId: maple.id,
  channel: 'retell',
  callerNumber: '+15551230001',
  startedAt: '2025-06-02T18:00:00.000Z',
  endedAt: '2025-06-02T18:02:00.000Z',
  transcript: [
    { speaker: 'agent', text: 'Thank you for calling Maple Dental.' },
    { speaker: 'caller', text: 'This is Maria Lopez.' },
  ],
  outcome: 'booked',
  summary: 'Booked a cleaning.',
  appointmentIds: ['apt-1'],
};

const slot: Slot = {
  typeCode: 'cleaning',
  providerId: 'prov-park',
  operatoryId: 'op-1',
  start: '2025-06-10T14:00:00.000Z',
  end: '2025-06-10T15:00:00.000Z',
};

const envelope = { id: 'obx_1', attempts: 3, createdAt: '2025-06-02T18:02:01.000Z' };
const message = (built: ReturnType<typeof callRecordMessage>): OutboxMessage => ({ ...envelope, ...built }) as OutboxMessage;
const callMessage = message(callRecordMessage(call));
const bookingMessage = message(
  queuedBookingMessage({
    practiceId: maple.id,
    callId: 'CA123',
    patientId: 'pat-1',
    slot,
    idempotencyKey: 'book-abc123',
    requestedAt: '2025-06-02T18:01:00.000Z',
  }),
);
const confirmMessage = message(
  bookingConfirmationMessage({
    callId: 'CA123',
    appointment: { id: 'apt-77', practiceId: maple.id, patientId: 'pat-1', ...slot, status: 'scheduled' },
    idempotencyKey: 'book-abc123',
    confirmedAt: '2025-06-02T18:01:00.000Z',
  }),
);

function delivery() {
  const { client, logger } = testClient({ maxAttempts: 1 });
  const practices = { byId: async (id: string): Promise<Practice | null> => (id === maple.id ? maple : null) };
  return { delivery: new CrownDeskOutboxDelivery({ client, practices, logger }), logger };
}

const live = () => new AbortController().signal;
const ownBooking = appointmentRow({ id: 'apt-new', patientId: 'pat-1', startTime: slot.start, endTime: slot.end, provider: 'Sam Park' });

describe('CrownDeskOutboxDelivery: call records', () => {
  it("posts the record with the practice's credentials and the message's key, and calls it delivered", async () => {
    backend.on('POST', RECORD, () => json({ id: 'rec-1' }, 201));

    expect(await delivery().delivery.deliver(callMessage, live())).toEqual({ status: 'delivered' });

    expect(backend.seen).toHaveLength(1);
    expect(backend.seen[0]).toMatchObject({
      method: 'POST',
      path: RECORD,
      headers: { authorization: 'Bearer crowndesk_test_maplekey', 'x-tenant-id': 'tenant-maple', 'idempotency-key': 'call-record:CA123' },
      body: { callId: 'CA123', channel: 'retell', outcome: 'appointment_booked', durationSecs: 120, appointmentIds: ['apt-1'] },
    });
  });

  it('treats a 409 as already recorded', async () => {
    backend.on('POST', RECORD, () => nestError(409, 'Call already recorded', 'Conflict'));
    expect(await delivery().delivery.deliver(callMessage, live())).toEqual({ status: 'delivered' });
  });

  it('retries 5xx, timeouts, refused connections and credential refusals; parks other 4xx', async () => {
    const cases: [() => Response | Promise<Response>, unknown][] = [
      [() => nestError(503, 'Service Unavailable', 'Service Unavailable'), { status: 'retry', reason: 'server_error_503' }],
      [connectionRefused, { status: 'retry', reason: 'connection' }],
      [() => nestError(401, 'Invalid API key', 'Unauthorized'), { status: 'retry', reason: 'auth_401' }],
      [() => nestError(429, 'Too Many Requests', 'Too Many Requests'), { status: 'retry', reason: 'http_429' }],
      [() => nestError(400, 'transcript must be an array', 'Bad Request'), { status: 'rejected', reason: 'http_400' }],
      // A 2xx we cannot read probably landed: its replay will tell.
      [() => new Response('<html>oops', { status: 201 }), { status: 'retry', reason: 'protocol_malformed_json' }],
    ];
    for (const [answer, outcome] of cases) {
      backend.server.resetHandlers();
      backend.on('POST', RECORD, answer);
      expect(await delivery().delivery.deliver(callMessage, live())).toEqual(outcome);
    }
  });

  it('retries a request that times out', async () => {
    backend.on('POST', RECORD, (_seen, _call, request) => hang(request));
    const { client, logger } = testClient({ maxAttempts: 1, timeoutMs: 50 });
    const slow = new CrownDeskOutboxDelivery({ client, logger, practices: { byId: async () => maple } });

    expect(await slow.deliver(callMessage, live())).toEqual({ status: 'retry', reason: 'timeout' });
  });

  it('stops when the relay aborts, leaving the outcome to the relay', async () => {
    backend.on('POST', RECORD, (_seen, _call, request) => hang(request));
    const stopping = new AbortController();
    const pending = delivery().delivery.deliver(callMessage, stopping.signal);
    await expect.poll(() => backend.seen.length).toBe(1);
    stopping.abort(new Error('relay stopping'));

    await expect(pending).rejects.toThrow('relay stopping');
  });

  it('parks a message of a practice it does not know, without sending anything', async () => {
    const stranger = { ...callMessage, practiceId: 'practice-gone' } as OutboxMessage;
    expect(await delivery().delivery.deliver(stranger, live())).toEqual({ status: 'rejected', reason: 'unknown_practice' });
    expect(backend.seen).toEqual([]);
  });
});

describe('CrownDeskOutboxDelivery: queued bookings', () => {
  it('creates the appointment with the message key and calls it delivered', async () => {
    backend.on('POST', APPOINTMENTS, () => json(ownBooking, 201));
    const { delivery: crowndesk, logger } = delivery();

    expect(await crowndesk.deliver(bookingMessage, live())).toEqual({ status: 'delivered' });

    expect(backend.seen.map((seen) => [seen.method, seen.path, seen.headers['idempotency-key'], seen.body])).toEqual([
      [
        'POST',
        APPOINTMENTS,
        'book-abc123',
        {
          patientId: 'pat-1',
          startTime: slot.start,
          endTime: slot.end,
          appointmentType: 'hygiene',
          provider: 'Sam Park',
          status: 'scheduled',
          notes: 'Booked by phone with the CrownDesk Voice receptionist (ref book-abc123).',
        },
      ],
    ]);
    expect(logger.dump()).not.toContain('Maria');
  });

  it('recognises its own earlier write on a 409 (the answer was lost) as delivered', async () => {
    backend.on('POST', APPOINTMENTS, () => nestError(409, 'Time slot conflict', 'Conflict'));
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([ownBooking])));

    expect(await delivery().delivery.deliver(bookingMessage, live())).toEqual({ status: 'delivered' });
  });

  it('parks the booking when someone else took the slot meanwhile, so staff call the patient back', async () => {
    backend.on('POST', APPOINTMENTS, () => nestError(409, 'Time slot conflict', 'Conflict'));
    backend.on('POST', PATIENT_APPOINTMENTS, () => json(appointmentPage([])));

    expect(await delivery().delivery.deliver(bookingMessage, live())).toEqual({ status: 'rejected', reason: 'slot_taken' });
  });

  it('parks a booking CrownDesk refuses outright (the start has passed, the patient is unknown)', async () => {
    backend.on('POST', APPOINTMENTS, () => nestError(400, 'Cannot book in the past', 'Bad Request'));
    expect(await delivery().delivery.deliver(bookingMessage, live())).toEqual({ status: 'rejected', reason: 'http_400' });
  });

  it('retries while CrownDesk is down', async () => {
    backend.on('POST', APPOINTMENTS, () => nestError(502, 'Bad Gateway', 'Bad Gateway'));
    expect(await delivery().delivery.deliver(bookingMessage, live())).toEqual({ status: 'retry', reason: 'server_error_502' });
  });
});

describe('CrownDeskOutboxDelivery: booking confirmations', () => {
  it('moves the appointment to confirmed with the message key', async () => {
    backend.on('PATCH', STATUS, () => json(appointmentRow({ id: 'apt-77', startTime: slot.start, endTime: slot.end, status: 'confirmed' })));

    expect(await delivery().delivery.deliver(confirmMessage, live())).toEqual({ status: 'delivered' });
    expect(backend.seen.map((seen) => [seen.method, seen.path, seen.headers['idempotency-key'], seen.body])).toEqual([
      ['PATCH', STATUS, 'appointment-confirm:apt-77', { appointmentId: 'apt-77', status: 'confirmed' }],
    ]);
  });

  it('calls a replay delivered when the appointment is already confirmed (confirmed→confirmed is a 400)', async () => {
    backend.on('PATCH', STATUS, () => nestError(400, 'Invalid status transition', 'Bad Request'));
    backend.on('POST', PATIENT_APPOINTMENTS, () =>
      json(appointmentPage([appointmentRow({ id: 'apt-77', startTime: slot.start, endTime: slot.end, status: 'confirmed' })])),
    );

    expect(await delivery().delivery.deliver(confirmMessage, live())).toEqual({ status: 'delivered' });
  });

  it('parks the confirmation of an appointment cancelled or gone meanwhile', async () => {
    backend.on('PATCH', STATUS, () => nestError(400, 'Invalid status transition', 'Bad Request'));
    backend.on('POST', PATIENT_APPOINTMENTS, () =>
      json(appointmentPage([appointmentRow({ id: 'apt-77', startTime: slot.start, endTime: slot.end, status: 'cancelled' })])),
    );
    expect(await delivery().delivery.deliver(confirmMessage, live())).toEqual({ status: 'rejected', reason: 'appointment_cancelled' });

    backend.server.resetHandlers();
    backend.on('PATCH', STATUS, () => nestError(404, 'Appointment not found', 'Not Found'));
    expect(await delivery().delivery.deliver(confirmMessage, live())).toEqual({ status: 'rejected', reason: 'appointment_not_found' });
  });
});
