import { describe, expect, it } from 'vitest';
import { StreamTokens } from '../src';

const SECRET = 'stream-token-secret-0123456789abcdef';
const claims = { callSid: 'CAfedcba9876543210fedcba9876543210', practiceId: 'practice-bright', callerNumber: '+15557654321' };

describe('StreamTokens', () => {
  let now = Date.parse('2026-01-05T15:00:00.000Z');
  const tokens = new StreamTokens(SECRET, 120, () => now);

  it('accepts a token for the same call, practice and caller before it expires', () => {
    const token = tokens.issue(claims);
    expect(token).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(token, claims)).toEqual({ ok: true });
    now += 119_000;
    expect(tokens.verify(token, claims)).toEqual({ ok: true });
    now -= 119_000;
  });

  it('refuses it once expired', () => {
    const token = tokens.issue(claims);
    now += 120_000;
    expect(tokens.verify(token, claims)).toEqual({ ok: false, reason: 'expired' });
    now -= 120_000;
  });

  it('refuses it for another call, practice or caller number', () => {
    const token = tokens.issue(claims);
    expect(tokens.verify(token, { ...claims, callSid: 'CA00000000000000000000000000000000' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(tokens.verify(token, { ...claims, practiceId: 'practice-other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(tokens.verify(token, { ...claims, callerNumber: '+15550000000' })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token signed with another secret, or with its expiry pushed back', () => {
    const forger = new StreamTokens('another-secret-another-secret-1234', 120, () => now);
    expect(tokens.verify(forger.issue(claims), claims)).toEqual({ ok: false, reason: 'bad_signature' });
    const [version, expiry, mac] = tokens.issue(claims).split('.');
    expect(tokens.verify(`${version}.${Number(expiry) + 3600}.${mac}`, claims)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses malformed tokens', () => {
    for (const token of ['', 'v1', 'v1.123', 'v2.123.abc', `v1.x.${'A'.repeat(43)}`, `v1.1.${'A'.repeat(42)}`]) {
      expect(tokens.verify(token, claims)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('does not confuse fields that run into each other', () => {
    const token = tokens.issue({ callSid: 'CA1', practiceId: '2', callerNumber: '' });
    expect(tokens.verify(token, { callSid: 'CA', practiceId: '12', callerNumber: '' })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('needs a long secret', () => {
    expect(() => new StreamTokens('short', 120)).toThrow('at least 32 characters');
  });
});
