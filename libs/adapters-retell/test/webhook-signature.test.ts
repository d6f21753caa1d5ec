import { describe, expect, it } from 'vitest';
import {
  RETELL_SIGNATURE_TOLERANCE_MS,
  retellSignatureDigest,
  signRetellWebhook,
  verifyRetellSignature,
} from '../src';

// The test vector of Retell's TypeScript SDK (tests/webhook-auth.test.ts).
const VECTOR_BODY = Buffer.from('{"event":"call_ended"}', 'utf8');
const VECTOR_KEY = 'test-api-key';
const VECTOR_V = '1700000000000';
const VECTOR_DIGEST = '07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e';
const VECTOR_HEADER = `v=${VECTOR_V},d=${VECTOR_DIGEST}`;
const SIGNED_AT = new Date(Number(VECTOR_V));

const at = (offsetMs: number) => new Date(SIGNED_AT.getTime() + offsetMs);

describe('verifyRetellSignature', () => {
  it("matches the SDK's test vector", () => {
    expect(retellSignatureDigest(VECTOR_BODY, VECTOR_V, VECTOR_KEY).toString('hex')).toBe(VECTOR_DIGEST);
    expect(signRetellWebhook(VECTOR_BODY, VECTOR_KEY, SIGNED_AT)).toBe(VECTOR_HEADER);
    expect(verifyRetellSignature(VECTOR_BODY, VECTOR_HEADER, VECTOR_KEY, SIGNED_AT)).toEqual({ ok: true });
  });

  it('accepts a signature up to exactly 5 minutes old or ahead', () => {
    expect(verifyRetellSignature(VECTOR_BODY, VECTOR_HEADER, VECTOR_KEY, at(RETELL_SIGNATURE_TOLERANCE_MS))).toEqual({ ok: true });
    expect(verifyRetellSignature(VECTOR_BODY, VECTOR_HEADER, VECTOR_KEY, at(-RETELL_SIGNATURE_TOLERANCE_MS))).toEqual({ ok: true });
  });

  it('refuses a genuine signature older than 5 minutes by one second (a replay), or as far in the future', () => {
    expect(verifyRetellSignature(VECTOR_BODY, VECTOR_HEADER, VECTOR_KEY, at(5 * 60_000 + 1000))).toEqual({
      ok: false,
      reason: 'stale_signature',
    });
    expect(verifyRetellSignature(VECTOR_BODY, VECTOR_HEADER, VECTOR_KEY, at(-(5 * 60_000 + 1000)))).toEqual({
      ok: false,
      reason: 'future_signature',
    });
  });

  it('refuses a forged digest, a body tampered by one byte, and another key', () => {
    const forged = `v=${VECTOR_V},d=${'ab'.repeat(32)}`;
    const tampered = Buffer.from(VECTOR_BODY);
    tampered[10] = tampered[10]! ^ 0x01;
    const mismatch = { ok: false, reason: 'signature_mismatch' };

    expect(verifyRetellSignature(VECTOR_BODY, forged, VECTOR_KEY, SIGNED_AT)).toEqual(mismatch);
    expect(verifyRetellSignature(tampered, VECTOR_HEADER, VECTOR_KEY, SIGNED_AT)).toEqual(mismatch);
    expect(verifyRetellSignature(VECTOR_BODY, VECTOR_HEADER, 'another-api-key', SIGNED_AT)).toEqual(mismatch);
    // The timestamp is signed too: moving it forward does not make a stale delivery fresh.
    expect(verifyRetellSignature(VECTOR_BODY, `v=1700000300000,d=${VECTOR_DIGEST}`, VECTOR_KEY, SIGNED_AT)).toEqual(mismatch);
  });

  it('verifies the raw bytes: the same JSON re-serialised does not verify', () => {
    const raw = Buffer.from('{ "event": "call_ended", "call": { "call_id": "c1", "note": "Zoë\\u00e9" } }', 'utf8');
    const header = signRetellWebhook(raw, VECTOR_KEY, SIGNED_AT);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');

    expect(verifyRetellSignature(raw, header, VECTOR_KEY, SIGNED_AT)).toEqual({ ok: true });
    expect(verifyRetellSignature(reserialised, header, VECTOR_KEY, SIGNED_AT)).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses a missing or empty header', () => {
    expect(verifyRetellSignature(VECTOR_BODY, undefined, VECTOR_KEY, SIGNED_AT)).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyRetellSignature(VECTOR_BODY, '', VECTOR_KEY, SIGNED_AT)).toEqual({ ok: false, reason: 'missing_signature' });
  });

  it.each([
    ['uppercase hex', `v=${VECTOR_V},d=${VECTOR_DIGEST.toUpperCase()}`],
    ['fields swapped', `d=${VECTOR_DIGEST},v=${VECTOR_V}`],
    ['space after the comma', `v=${VECTOR_V}, d=${VECTOR_DIGEST}`],
    ['leading space', ` ${VECTOR_HEADER}`],
    ['trailing newline', `${VECTOR_HEADER}\n`],
    ['digest one hex digit short', `v=${VECTOR_V},d=${VECTOR_DIGEST.slice(1)}`],
    ['digest one hex digit long', `v=${VECTOR_V},d=${VECTOR_DIGEST}0`],
    ['digest not hex', `v=${VECTOR_V},d=${'zz'.repeat(32)}`],
    ['no timestamp', `v=,d=${VECTOR_DIGEST}`],
    ['timestamp in seconds with a fraction', `v=1700000000.5,d=${VECTOR_DIGEST}`],
    ['negative timestamp', `v=-1700000000000,d=${VECTOR_DIGEST}`],
    ['timestamp beyond a safe integer', `v=${'9'.repeat(17)},d=${VECTOR_DIGEST}`],
    ['no digest', `v=${VECTOR_V}`],
    ['an extra field', `${VECTOR_HEADER},x=1`],
    ['two signatures joined', `${VECTOR_HEADER}, ${VECTOR_HEADER}`],
    ['another scheme', `sha256=${VECTOR_DIGEST}`],
  ])('refuses a malformed header: %s', (_case, header) => {
    expect(verifyRetellSignature(VECTOR_BODY, header, VECTOR_KEY, SIGNED_AT)).toEqual({ ok: false, reason: 'malformed_signature' });
  });

  it('refuses everything when no API key is configured (an empty HMAC key is public)', () => {
    const signedWithEmptyKey = signRetellWebhook(VECTOR_BODY, '', SIGNED_AT);

    expect(verifyRetellSignature(VECTOR_BODY, signedWithEmptyKey, '', SIGNED_AT)).toEqual({ ok: false, reason: 'no_api_key' });
  });
});
