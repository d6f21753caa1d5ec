import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src';
import { signatureFor, WEBHOOK_SECRET } from './support/webhook-signing';

const NOW = new Date('2030-01-07T15:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const BODY = Buffer.from('{"type":"post_call_transcription","data":{"conversation_id":"conv_1"}}', 'utf8');

function check(header: string | undefined, body = BODY) {
  return verifyWebhookSignature({ rawBody: body, header, secret: WEBHOOK_SECRET, now: NOW });
}

describe('verifyWebhookSignature (ElevenLabs-Signature)', () => {
  it('accepts a signature made with the secret over "<t>.<raw body>"', () => {
    expect(check(signatureFor(BODY, NOW_SECONDS - 60))).toEqual({ valid: true, timestamp: NOW_SECONDS - 60 });
  });

  it('verifies the exact bytes, including non-ASCII text', () => {
    const body = Buffer.from('{"message":"¿Tienen citas el sábado?"}', 'utf8');
    expect(check(signatureFor(body, NOW_SECONDS), body).valid).toBe(true);
  });

  it('rejects a signature made with another secret (forged)', () => {
    expect(check(signatureFor(BODY, NOW_SECONDS, 'not-the-secret-at-all'))).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('rejects a tampered body', () => {
    const tampered = Buffer.from(BODY.toString('utf8').replace('conv_1', 'conv_2'), 'utf8');
    expect(check(signatureFor(BODY, NOW_SECONDS), tampered)).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('rejects a valid signature moved to another timestamp', () => {
    const digest = signatureFor(BODY, NOW_SECONDS).split(',')[1];
    expect(check(`t=${NOW_SECONDS - 1},${digest}`)).toEqual({ valid: false, reason: 'mismatch' });
  });

  it('accepts up to 30 minutes of age and rejects older (stale)', () => {
    expect(check(signatureFor(BODY, NOW_SECONDS - 30 * 60)).valid).toBe(true);
    expect(check(signatureFor(BODY, NOW_SECONDS - 30 * 60 - 1))).toEqual({ valid: false, reason: 'stale' });
  });

  it('accepts small clock skew but rejects timestamps from the future', () => {
    expect(check(signatureFor(BODY, NOW_SECONDS + 5 * 60)).valid).toBe(true);
    expect(check(signatureFor(BODY, NOW_SECONDS + 5 * 60 + 1))).toEqual({ valid: false, reason: 'future' });
  });

  it('rejects a missing header', () => {
    expect(check(undefined)).toEqual({ valid: false, reason: 'missing' });
    expect(check('  ')).toEqual({ valid: false, reason: 'missing' });
  });

  it.each([
    ['no timestamp', `v0=${'a'.repeat(64)}`],
    ['no v0', `t=${NOW_SECONDS}`],
    ['a short digest', `t=${NOW_SECONDS},v0=abc`],
    ['a non-numeric timestamp', `t=soon,v0=${'a'.repeat(64)}`],
    ['two timestamps', `t=${NOW_SECONDS},t=${NOW_SECONDS},v0=${'a'.repeat(64)}`],
    ['garbage', 'Bearer something'],
  ])('rejects a malformed header: %s', (_case, header) => {
    expect(check(header)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('accepts any one matching v0 among several (secret rotation)', () => {
    const valid = signatureFor(BODY, NOW_SECONDS);
    expect(check(`${valid},v0=${'0'.repeat(64)}`).valid).toBe(true);
    expect(check(`t=${NOW_SECONDS},v0=${'0'.repeat(64)},${valid.split(',')[1]}`).valid).toBe(true);
  });
});
