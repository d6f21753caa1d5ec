import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '@crowndesk/domain';
import { callWithPhi, HttpOutboxDelivery, OutboxTestBackend } from '../src';

let backend: OutboxTestBackend;
let delivery: HttpOutboxDelivery;
beforeEach(async () => {
  backend = await OutboxTestBackend.start();
  delivery = new HttpOutboxDelivery(backend.url);
});
afterEach(async () => {
  await backend.close();
});

const message: OutboxMessage = {
  id: 'obx_1',
  practiceId: 'practice-maple',
  topic: 'call.record',
  idempotencyKey: 'call-record:CA1',
  payload: callWithPhi('CA1', { practiceId: 'practice-maple', practiceName: 'Maple Dental', channel: 'twilio' }),
  attempts: 1,
  createdAt: '2026-06-01T13:00:00.000Z',
};
const live = () => new AbortController().signal;

describe('HttpOutboxDelivery', () => {
  it('POSTs the payload to /outbox/<topic> under the message key: a 2xx is delivered', async () => {
    expect(await delivery.deliver(message, live())).toEqual({ status: 'delivered' });
    expect(backend.effects).toEqual([{ key: 'call-record:CA1', path: '/outbox/call.record', body: message.payload }]);
  });

  it('retries a 5xx, and rejects any other 4xx', async () => {
    await backend.setMode('down');
    expect(await delivery.deliver(message, live())).toEqual({ status: 'retry', reason: 'server_error_503' });

    await backend.setMode('up');
    backend.refusals.set('call-record:CA1', 422);
    expect(await delivery.deliver(message, live())).toEqual({ status: 'rejected', reason: 'http_422' });
  });

  it('retries 408 and 429 as the backend asking to slow down', async () => {
    backend.refusals.set('call-record:CA1', 429);
    expect(await delivery.deliver(message, live())).toEqual({ status: 'retry', reason: 'server_error_429' });
    backend.refusals.set('call-record:CA1', 408);
    expect(await delivery.deliver(message, live())).toEqual({ status: 'retry', reason: 'server_error_408' });
  });

  it('retries a refused connection, and a deadline that ran out', async () => {
    await backend.setMode('refusing');
    expect(await delivery.deliver(message, live())).toEqual({ status: 'retry', reason: 'connection' });

    await backend.setMode('up');
    backend.answerDelayMs = 1_000;
    expect(await delivery.deliver(message, AbortSignal.timeout(50))).toEqual({ status: 'retry', reason: 'timeout' });
  });
});
