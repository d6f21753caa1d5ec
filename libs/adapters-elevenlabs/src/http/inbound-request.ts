/**
 * The framework-agnostic shape of our HTTP endpoints: the gateway hands over the raw body and the headers,
 * and writes back the status and JSON body it gets. Keeping express out of the adapter keeps the signature
 * check on the exact bytes ElevenLabs signed, and the handlers testable without a server.
 */

/** Header names as node gives them (lower case), values as strings or repeated-header arrays. */
export type InboundHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface InboundRequest {
  /** The body exactly as received (express: `express.raw({ type: () => true })`). */
  rawBody: Buffer;
  headers: InboundHeaders;
  /** Aborted when the client goes away; optional. */
  signal?: AbortSignal;
}

export type JsonBody = Readonly<Record<string, unknown>>;

export interface HandlerResponse {
  status: number;
  body: JsonBody;
}

export type InboundHandler<R extends InboundRequest = InboundRequest> = (request: R) => Promise<HandlerResponse>;

/** The single value of a header, whatever the case of its name; undefined when absent or repeated. */
export function headerValue(headers: InboundHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (typeof value === 'string') return value;
    // A repeated credential or signature header is ambiguous: treat it as missing.
    return value?.length === 1 ? value[0] : undefined;
  }
  return undefined;
}

export function respond(status: number, body: JsonBody): HandlerResponse {
  return { status, body };
}

/** A refusal with a short machine-readable code and a reason a human operator can act on (never PHI). */
export function refuse(status: number, error: string, reason: string): HandlerResponse {
  return { status, body: { error, reason } };
}
