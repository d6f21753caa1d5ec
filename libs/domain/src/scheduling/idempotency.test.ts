import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, idempotencyKey } from './idempotency';
import { sha256Hex } from './sha256';

describe('idempotencyKey', () => {
  const args = { type: 'cleaning', start: '2026-12-01T15:00:00.000Z', patient: 'pat-7' };

  it('is the same for the same call, operation and arguments, whatever their order', () => {
    const reordered = { patient: 'pat-7', start: '2026-12-01T15:00:00.000Z', type: 'cleaning' };
    expect(idempotencyKey('call-1', 'book', args)).toBe(idempotencyKey('call-1', 'book', reordered));
  });

  it('differs by call, operation and any argument', () => {
    const key = idempotencyKey('call-1', 'book', args);
    expect(idempotencyKey('call-2', 'book', args)).not.toBe(key);
    expect(idempotencyKey('call-1', 'reschedule', args)).not.toBe(key);
    expect(idempotencyKey('call-1', 'book', { ...args, start: '2026-12-01T15:30:00.000Z' })).not.toBe(key);
  });

  it('is short, names its operation, and does not carry the arguments', () => {
    const key = idempotencyKey('call-1', 'register_patient', { firstName: 'Ana', lastName: 'Souza', dateOfBirth: '1990-04-12' });
    expect(key).toMatch(/^register_patient-[0-9a-f]{64}$/);
    expect(key).not.toMatch(/Ana|Souza|1990/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined members and serialises dates as JSON does', () => {
    expect(canonicalJson({ a: undefined, at: new Date('2026-12-01T15:00:00Z') })).toBe('{"at":"2026-12-01T15:00:00.000Z"}');
  });
});

describe('sha256Hex', () => {
  it('agrees with node:crypto, across block boundaries and multi-byte characters', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'a'.repeat(1000), 'María O’Connor-García 🦷']) {
      expect(sha256Hex(text), `length ${text.length}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
