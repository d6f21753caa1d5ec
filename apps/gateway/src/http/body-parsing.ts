import express, { type Request, type RequestHandler } from 'express';

/**
 * Body parsers with hard size limits. The raw bytes are kept because webhook signatures (Retell HMAC,
 * Twilio) are computed over exactly what was sent, not over re-serialised JSON.
 */

export const BODY_LIMIT = '256kb';

const rawBodies = new WeakMap<Request, Buffer>();

function keepRawBody(request: Request, _response: unknown, buffer: Buffer): void {
  rawBodies.set(request, buffer);
}

/** The exact bytes of a parsed JSON or form body, for signature verification. */
export function rawBodyOf(request: Request): Buffer | undefined {
  return rawBodies.get(request);
}

export function bodyParsers(): RequestHandler[] {
  return [
    express.json({ limit: BODY_LIMIT, verify: keepRawBody }),
    // Twilio posts its webhooks form-encoded.
    express.urlencoded({ limit: BODY_LIMIT, extended: false, parameterLimit: 200, verify: keepRawBody }),
  ];
}
