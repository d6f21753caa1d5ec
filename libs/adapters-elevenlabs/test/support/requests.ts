import type { InboundRequest } from '../../src';

/** An inbound request as the gateway would hand it over (node lower-cases header names). */
export function inbound(body: string | Buffer, headers: Record<string, string | string[]> = {}): InboundRequest {
  const lowered = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), headers: lowered };
}
