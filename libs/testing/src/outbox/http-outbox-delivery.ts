import type { DeliveryOutcome, OutboxDelivery, OutboxMessage } from '@crowndesk/domain';

/**
 * A plain HTTP OutboxDelivery for the outbox store tests: POSTs the payload to `<baseUrl>/outbox/<topic>`
 * with the message's Idempotency-Key and maps the answer the way a backend adapter must (2xx delivered;
 * timeout, connection error, 408, 429 and 5xx retried; any other 4xx rejected). The CrownDesk delivery,
 * with its real routes and bodies, has its own tests in adapters-crowndesk.
 */
export class HttpOutboxDelivery implements OutboxDelivery {
  constructor(private readonly baseUrl: string) {}

  async deliver(message: OutboxMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    let status: number;
    try {
      const response = await fetch(`${this.baseUrl}/outbox/${message.topic}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.idempotencyKey },
        body: JSON.stringify(message.payload),
        signal,
      });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      return { status: 'retry', reason: signal.aborted ? 'timeout' : 'connection' };
    }
    if (status >= 200 && status < 300) return { status: 'delivered' };
    if (status >= 500 || status === 408 || status === 429) return { status: 'retry', reason: `server_error_${status}` };
    return { status: 'rejected', reason: `http_${status}` };
  }
}
