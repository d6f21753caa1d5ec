import { describe, expect, it } from 'vitest';
import type { InboundRequest } from '../src';
import { ApiKeyGuard, secretsEqual, withApiKey } from '../src';
import { inbound } from './support/requests';

const SECRET = 'cb_0123456789abcdefghijklmnop';

describe('POST /api/elevenlabs/callback authentication (X-API-Key)', () => {
  const handled: InboundRequest[] = [];
  const callback = withApiKey(new ApiKeyGuard({ apiKey: SECRET }), async (request) => {
    handled.push(request);
    return { status: 200, body: { received: true } };
  });

  it('runs the handler for the right key', async () => {
    handled.length = 0;
    const response = await callback(inbound('{}', { 'X-API-Key': SECRET }));
    expect(response).toEqual({ status: 200, body: { received: true } });
    expect(handled).toHaveLength(1);
  });

  it.each([
    ['a wrong key of the same length', `${SECRET.slice(0, -1)}X`, 'invalid X-API-Key'],
    ['a shorter key', SECRET.slice(0, 8), 'invalid X-API-Key'],
    ['a longer key', `${SECRET}${SECRET}`, 'invalid X-API-Key'],
    ['an empty key', '', 'missing X-API-Key header'],
  ])('refuses %s with 401', async (_case, key, reason) => {
    handled.length = 0;
    const response = await callback(inbound('{}', { 'X-API-Key': key }));
    expect(response).toEqual({ status: 401, body: { error: 'unauthorized', reason } });
    expect(handled).toHaveLength(0);
  });

  it('refuses a request without the header', async () => {
    handled.length = 0;
    expect(await callback(inbound('{}'))).toEqual({ status: 401, body: { error: 'unauthorized', reason: 'missing X-API-Key header' } });
    expect(handled).toHaveLength(0);
  });

  it('refuses a repeated header, even if one copy is right', async () => {
    expect((await callback(inbound('{}', { 'x-api-key': [SECRET, 'other'] }))).status).toBe(401);
  });

  it('finds the header whatever the case of its name', async () => {
    const guard = new ApiKeyGuard({ apiKey: SECRET });
    expect(guard.reject({ 'X-Api-KEY': SECRET })).toBeUndefined();
  });

  it('refuses to be configured with a guessable key', () => {
    expect(() => new ApiKeyGuard({ apiKey: 'short' })).toThrow(/at least 16/);
  });
});

describe('secretsEqual', () => {
  it('compares by value, across lengths', () => {
    expect(secretsEqual(SECRET, SECRET)).toBe(true);
    expect(secretsEqual(SECRET, `${SECRET} `)).toBe(false);
    expect(secretsEqual('', SECRET)).toBe(false);
    expect(secretsEqual('ä', 'a')).toBe(false);
  });
});
