import { z } from 'zod';
import type { HandlerResponse, InboundHandler, InboundHeaders, InboundRequest } from '../http/inbound-request';
import { headerValue, refuse } from '../http/inbound-request';
import { secretsEqual } from './constant-time';

/** The header ElevenLabs sends our shared secret in (tool webhooks, the callback). */
export const API_KEY_HEADER = 'X-API-Key';

const guardOptionsSchema = z.object({
  /** The shared secret; long enough that guessing is hopeless. */
  apiKey: z.string().min(16, 'the API key must be at least 16 characters'),
  headerName: z.string().min(1).default(API_KEY_HEADER),
});

export type ApiKeyGuardOptions = z.input<typeof guardOptionsSchema>;

/** Checks a shared-secret header in constant time. */
export class ApiKeyGuard {
  private readonly apiKey: string;
  readonly headerName: string;

  constructor(options: ApiKeyGuardOptions) {
    const parsed = guardOptionsSchema.parse(options);
    this.apiKey = parsed.apiKey;
    this.headerName = parsed.headerName;
  }

  /** A 401 response when the header is missing or wrong, otherwise undefined. */
  reject(headers: InboundHeaders): HandlerResponse | undefined {
    const presented = headerValue(headers, this.headerName);
    if (presented === undefined || presented === '') return refuse(401, 'unauthorized', `missing ${this.headerName} header`);
    if (!secretsEqual(presented, this.apiKey)) return refuse(401, 'unauthorized', `invalid ${this.headerName}`);
    return undefined;
  }
}

/** Wraps a handler so it only runs for requests that carry the right key (e.g. POST /api/elevenlabs/callback). */
export function withApiKey<R extends InboundRequest>(guard: ApiKeyGuard, handler: InboundHandler<R>): InboundHandler<R> {
  return async (request) => guard.reject(request.headers) ?? handler(request);
}
