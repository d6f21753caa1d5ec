import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header ElevenLabs signs its workspace webhooks with: `t=<unix seconds>,v0=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'ElevenLabs-Signature';

/**
 * ElevenLabs' own samples and SDK reject signatures older than 30 minutes; we do the same, since the
 * post-call webhook is sent only after the call's analysis finishes.
 */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 30 * 60;
/** Signatures from the future are refused beyond ordinary clock skew (the SDK does not check this side). */
export const DEFAULT_FUTURE_SKEW_SECONDS = 5 * 60;

export type SignatureCheck =
  | { valid: true; timestamp: number }
  | { valid: false; reason: 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch' };

export interface SignatureVerification {
  rawBody: Buffer;
  header: string | undefined;
  secret: string;
  now: Date;
  toleranceSeconds?: number;
  futureSkewSeconds?: number;
}

const TIMESTAMP = /^\d{1,12}$/;
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * Checks `v0 = hex(HMAC-SHA256(secret, "<t>.<raw body>"))` over the exact bytes received, in constant
 * time, and that `t` is recent. Any one of several v0 entries may match (secret rotation).
 */
export function verifyWebhookSignature(input: SignatureVerification): SignatureCheck {
  if (input.header === undefined || input.header.trim() === '') return { valid: false, reason: 'missing' };
  const parsed = parseHeader(input.header);
  if (!parsed) return { valid: false, reason: 'malformed' };

  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  if (nowSeconds - parsed.timestamp > (input.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS)) {
    return { valid: false, reason: 'stale' };
  }
  if (parsed.timestamp - nowSeconds > (input.futureSkewSeconds ?? DEFAULT_FUTURE_SKEW_SECONDS)) {
    return { valid: false, reason: 'future' };
  }

  const expected = createHmac('sha256', input.secret).update(`${parsed.timestampText}.`, 'utf8').update(input.rawBody).digest();
  // Compare every candidate (no early exit) so timing says nothing about which one matched.
  let matched = false;
  for (const candidate of parsed.signatures) matched = timingSafeEqual(candidate, expected) || matched;
  return matched ? { valid: true, timestamp: parsed.timestamp } : { valid: false, reason: 'mismatch' };
}

function parseHeader(header: string): { timestamp: number; timestampText: string; signatures: Buffer[] } | undefined {
  let timestampText: string | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) return undefined;
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestampText !== undefined || !TIMESTAMP.test(value)) return undefined;
      timestampText = value;
    } else if (key === 'v0') {
      if (!HEX_DIGEST.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (a future v1) are ignored, as in ElevenLabs' SDK.
  }
  if (timestampText === undefined || signatures.length === 0) return undefined;
  return { timestamp: Number(timestampText), timestampText, signatures };
}
