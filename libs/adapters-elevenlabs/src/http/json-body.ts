import type { HandlerResponse, InboundRequest } from './inbound-request';
import { refuse } from './inbound-request';

export type JsonObjectResult = { ok: true; value: Record<string, unknown> } | { ok: false; response: HandlerResponse };

/**
 * The raw body as a JSON object. An empty body counts as `{}` (a tool whose arguments are all optional may
 * be called without one); anything else that is not a JSON object is a 400.
 */
export function parseJsonObject(request: InboundRequest, options: { emptyAsObject: boolean }): JsonObjectResult {
  const text = request.rawBody.toString('utf8');
  if (text.trim() === '') {
    return options.emptyAsObject ? { ok: true, value: {} } : { ok: false, response: refuse(400, 'bad_request', 'empty body') };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, response: refuse(400, 'bad_request', 'body is not valid JSON') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, response: refuse(400, 'bad_request', 'body must be a JSON object') };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

/**
 * Guards against a mis-mounted route: behind `express.json()` the body is already an object and the
 * signature over the raw bytes can never match. Failing loudly beats rejecting every delivery as forged.
 */
export function rawBodyMissing(request: InboundRequest): HandlerResponse | undefined {
  return Buffer.isBuffer(request.rawBody)
    ? undefined
    : refuse(500, 'misconfigured', 'the route must hand over the raw request body (express.raw)');
}
