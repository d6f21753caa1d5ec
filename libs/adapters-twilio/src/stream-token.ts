import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a stream token vouches for: this call, this practice, this caller number. */
export interface StreamClaims {
  callSid: string;
  practiceId: string;
  callerNumber?: string;
}

export type StreamTokenVerdict = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'bad_signature' };

const TOKEN_PATTERN = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Short-lived tokens that let a Media Streams connection prove it was set up by our own incoming-call
 * webhook: HMAC-SHA256 with a server secret over the call sid, practice id, caller number and expiry.
 * Twilio passes the token back as a `<Parameter>` in the stream's `start` frame (it drops query strings
 * from stream URLs). Nothing else that connects to the stream endpoint is trusted.
 */
export class StreamTokens {
  private readonly secret: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    if (secret.length < 32) throw new Error('the stream token secret must be at least 32 characters');
    this.secret = Buffer.from(secret, 'utf8');
  }

  issue(claims: StreamClaims): string {
    const expiresAt = Math.floor(this.now() / 1_000) + this.ttlSeconds;
    return `v1.${expiresAt}.${this.mac(claims, expiresAt).toString('base64url')}`;
  }

  verify(token: string, claims: StreamClaims): StreamTokenVerdict {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) return { ok: false, reason: 'malformed' };
    const expiresAt = Number(match[1]);
    const given = Buffer.from(match[2] as string, 'base64url');
    const expected = this.mac(claims, expiresAt);
    // Checked before the expiry, so an expired token is only reported as such when it is genuine.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
    if (expiresAt * 1_000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true };
  }

  private mac(claims: StreamClaims, expiresAt: number): Buffer {
    // Length-prefixed fields, so no two different claim sets share an input.
    const fields = ['v1', claims.callSid, claims.practiceId, claims.callerNumber ?? '', String(expiresAt)];
    const input = fields.map((field) => `${field.length}:${field}`).join('|');
    return createHmac('sha256', this.secret).update(input, 'utf8').digest();
  }
}
