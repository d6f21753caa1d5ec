import { z } from 'zod';
import type { RequestDescription } from './errors';
import { BackendProtocolError } from './errors';

/**
 * Parses a 2xx body against the endpoint's schema. An empty body reads as `undefined` (201/204 without
 * content), which only schemas that accept it will take. Problems name JSON paths, never values: the body
 * is PHI and V8's JSON.parse message quotes it, so that error is not kept as a cause.
 */
export function parseSuccessBody<T>(
  text: string,
  schema: z.ZodType<T>,
  request: RequestDescription,
  status: number,
): T {
  let json: unknown;
  if (text.trim() === '') {
    json = undefined;
  } else {
    try {
      json = JSON.parse(text);
    } catch {
      throw new BackendProtocolError(request, { status, problem: 'malformed_json', detail: 'body is not valid JSON' });
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const paths = parsed.error.issues.slice(0, 5).map((issue) => pathOf(issue.path));
    throw new BackendProtocolError(request, {
      status,
      problem: 'unexpected_shape',
      detail: `unexpected value at ${[...new Set(paths)].join(', ')}`,
    });
  }
  return parsed.data;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((key) => String(key)).join('.');
}

/** NestJS error bodies: `{statusCode, message, error}`, or the object given to the exception (409 conflicts). */
const nestErrorSchema = z.object({
  message: z.union([z.string(), z.array(z.string())]).optional(),
  conflictingAppointment: z.object({ id: z.string() }).partial().optional(),
});

export interface ErrorBodyFacts {
  backendMessage?: string;
  conflictingAppointmentId?: string;
}

/** What we keep of a 4xx body: the reason (may hold PHI: code only, never logs) and a conflicting id. */
export function readErrorBody(text: string): ErrorBodyFacts {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = nestErrorSchema.safeParse(json);
  if (!parsed.success) return {};
  const { message, conflictingAppointment } = parsed.data;
  const facts: ErrorBodyFacts = {};
  if (message !== undefined) facts.backendMessage = Array.isArray(message) ? message.join('; ') : message;
  if (conflictingAppointment?.id) facts.conflictingAppointmentId = conflictingAppointment.id;
  return facts;
}
