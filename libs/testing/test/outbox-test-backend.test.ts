import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxTestBackend } from '../src';

let backend: OutboxTestBackend;
beforeEach(async () => {
  backend = await OutboxTestBackend.start();
});
afterEach(async () => {
  await backend.close();
});

function post(path: string, key: string | undefined, body: unknown = { n: 1 }): Promise<Response> {
  return fetch(`${backend.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
    body: JSON.stringify(body),
  });
}

describe('OutboxTestBackend', () => {
  it('applies the first request of a key once; a replay gets the same answer and changes nothing', async () => {
    const first = await post('/outbox/call.record', 'key-a', { callId: 'CA1' });
    const replay = await post('/outbox/call.record', 'key-a', { callId: 'CA1' });
    const other = await post('/outbox/appointment.book', 'key-b', { slot: 3 });

    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: 'effect-1' });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual({ id: 'effect-1' });
    expect(await other.json()).toEqual({ id: 'effect-2' });
    expect(backend.effects).toEqual([
      { key: 'key-a', path: '/outbox/call.record', body: { callId: 'CA1' } },
      { key: 'key-b', path: '/outbox/appointment.book', body: { slot: 3 } },
    ]);
    expect(backend.attempts).toEqual(new Map([['key-a', 2], ['key-b', 1]]));
    expect(backend.effectsPerKey()).toEqual(new Map([['key-a', 1], ['key-b', 1]]));
  });

  it('demands an Idempotency-Key, without counting an attempt', async () => {
    const response = await post('/outbox/call.record', undefined);

    expect(response.status).toBe(400);
    expect(backend.attempts.size).toBe(0);
    expect(backend.effects).toEqual([]);
  });

  it('when down, answers 503 and counts the attempt with no effect; back up, it applies the key once', async () => {
    await backend.setMode('down');
    expect((await post('/outbox/call.record', 'key-a')).status).toBe(503);
    await backend.setMode('up');
    expect((await post('/outbox/call.record', 'key-a')).status).toBe(201);

    expect(backend.attempts.get('key-a')).toBe(2);
    expect(backend.effectsPerKey()).toEqual(new Map([['key-a', 1]]));
  });

  it('refuses a key with the 4xx it was given, and applies nothing', async () => {
    backend.refusals.set('key-a', 409);

    const response = await post('/outbox/appointment.book', 'key-a');

    expect(response.status).toBe(409);
    expect(backend.effects).toEqual([]);
  });

  it('can apply an effect and lose the answer: the retry gets the stored answer, not a second effect', async () => {
    backend.loseAnswer.add('key-a');

    await expect(post('/outbox/call.record', 'key-a')).rejects.toThrow();
    const retry = await post('/outbox/call.record', 'key-a');

    expect(await retry.json()).toEqual({ id: 'effect-1' });
    expect(backend.effectsPerKey()).toEqual(new Map([['key-a', 1]]));
    expect(backend.attempts.get('key-a')).toBe(2);
  });

  it('can refuse connections, then listen again on the same port', async () => {
    await backend.setMode('refusing');
    await expect(post('/outbox/call.record', 'key-a')).rejects.toThrow();
    expect(backend.attempts.size).toBe(0);

    await backend.setMode('up');
    expect((await post('/outbox/call.record', 'key-a')).status).toBe(201);
  });
});
