import { createHmac } from 'node:crypto';

export const WEBHOOK_SECRET = 'wsec_test_0123456789abcdef';

/** Signs a body the way ElevenLabs does: t=<unix seconds>,v0=hex(HMAC-SHA256(secret, "<t>.<body>")). */
export function signatureFor(body: string | Buffer, timestampSeconds: number, secret = WEBHOOK_SECRET): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
  return `t=${timestampSeconds},v0=${digest}`;
}
