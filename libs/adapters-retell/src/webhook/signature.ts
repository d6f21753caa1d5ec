import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Retell signs webhooks with (Node lowercases header names). */
export const RETELL_SIGNATURE_HEADER = 'x-retell-signature';

/** Retell's SDKs accept a signature made at most this long before or after now. */
export const RETELL_SIGNATURE_TOLERANCE_MS = 5 * 60 * 1000;

export type RetellSignatureFailure =
  | 'missing_signature'
  | 'malformed_signature'
  | 'signature_mismatch'
  | 'stale_signature'
  | 'future_signature'
  | 'no_api_key';

export type RetellSignatureCheck = { ok: true } | { ok: false; reason: RetellSignatureFailure };

/**
 * `v=<unix ms>,d=<64 lowercase hex>`, nothing else: anchored, no spaces, no extra fields. Retell sends a
 * lowercase hex digest; the Python SDK accepts nothing else either. At most 16 digits keeps `v` a safe integer.
 */
const SIGNATURE_PATTERN = /^v=(\d{1,16}),d=([0-9a-f]{64})$/;

/** Retell's digest: HMAC-SHA256, keyed by the API key, over the raw body bytes followed by the ASCII of `v`. */
export function retellSignatureDigest(rawBody: Buffer, timestamp: string, apiKey: string): Buffer {
  return createHmac('sha256', apiKey).update(rawBody).update(timestamp, 'ascii').digest();
}

/** The header value Retell would send for this body at `at` (for tests and local tools that play Retell). */
export function signRetellWebhook(rawBody: Buffer, apiKey: string, at: Date): string {
  const timestamp = String(at.getTime());
  return `v=${timestamp},d=${retellSignatureDigest(rawBody, timestamp, apiKey).toString('hex')}`;
}

/**
 * Checks `x-retell-signature` over the raw bytes Retell sent (never a re-serialised body: whitespace, key order
 * and escapes would differ). Constant-time digest comparison; the signing time must be within ±5 minutes of
 * `now`. Checked after the digest, so "stale" and "future" name genuine but mistimed deliveries (replays,
 * clock skew), not forgeries. Within the window a replay still passes: the receiver dedupes on event + call.
 */
export function verifyRetellSignature(
  rawBody: Buffer,
  header: string | undefined,
  apiKey: string,
  now: Date,
): RetellSignatureCheck {
  // An empty HMAC key is a key anyone can use.
  if (apiKey.length === 0) return { ok: false, reason: 'no_api_key' };
  if (header === undefined || header.length === 0) return { ok: false, reason: 'missing_signature' };
  const match = SIGNATURE_PATTERN.exec(header);
  const timestamp = match?.[1];
  const digest = match?.[2];
  if (timestamp === undefined || digest === undefined) return { ok: false, reason: 'malformed_signature' };
  const signedAt = Number(timestamp);
  if (!Number.isSafeInteger(signedAt)) return { ok: false, reason: 'malformed_signature' };

  const expected = retellSignatureDigest(rawBody, timestamp, apiKey);
  const provided = Buffer.from(digest, 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return { ok: false, reason: 'signature_mismatch' };
  }

  const age = now.getTime() - signedAt;
  if (age > RETELL_SIGNATURE_TOLERANCE_MS) return { ok: false, reason: 'stale_signature' };
  if (age < -RETELL_SIGNATURE_TOLERANCE_MS) return { ok: false, reason: 'future_signature' };
  return { ok: true };
}
