import { describe, expect, it } from 'vitest';
import { closeReason } from './close-codes';

describe('closeReason', () => {
  it('keeps a reason that fits', () => {
    expect(closeReason('invalid JSON')).toBe('invalid JSON');
  });

  it('cuts a long reason to 123 bytes', () => {
    const reason = closeReason(`invalid update_only: ${'x'.repeat(300)}`);

    expect(Buffer.byteLength(reason)).toBe(123);
    expect(reason.endsWith('...')).toBe(true);
  });

  it('never splits a multi-byte character', () => {
    const reason = closeReason('é'.repeat(100));

    expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    expect(reason).toBe(`${'é'.repeat(60)}...`);
  });
});
