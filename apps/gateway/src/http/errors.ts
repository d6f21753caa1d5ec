import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '@crowndesk/domain';

/** Every error response has this shape, and never a stack trace or an internal message. */
export interface ErrorBody {
  error: string;
  message: string;
}

export function sendError(response: Response, status: number, error: string, message: string): void {
  response.status(status).json({ error, message } satisfies ErrorBody);
}

export const notFound: RequestHandler = (_request, response) => {
  sendError(response, 404, 'not_found', 'No such endpoint');
};

/** Errors body-parser raises carry an HTTP status and a type; anything else is our bug (500). */
interface HttpError {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  expose?: unknown;
}

const CLIENT_ERRORS: Record<string, { error: string; message: string }> = {
  'entity.too.large': { error: 'payload_too_large', message: 'Request body is too large' },
  'entity.parse.failed': { error: 'malformed_body', message: 'Request body could not be parsed' },
  'encoding.unsupported': { error: 'unsupported_encoding', message: 'Request body encoding is not supported' },
  'charset.unsupported': { error: 'unsupported_charset', message: 'Request body charset is not supported' },
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const httpError = (typeof error === 'object' && error !== null ? error : {}) as HttpError;
    const status = Number(httpError.status ?? httpError.statusCode);
    if (Number.isInteger(status) && status >= 400 && status < 500) {
      const known = typeof httpError.type === 'string' ? CLIENT_ERRORS[httpError.type] : undefined;
      logger.warn({ method: request.method, path: request.path, status, type: httpError.type }, 'http request rejected');
      sendError(response, status, known?.error ?? 'bad_request', known?.message ?? 'Request was rejected');
      return;
    }
    logger.error({ method: request.method, path: request.path, error }, 'http request failed');
    sendError(response, 500, 'internal_error', 'Something went wrong');
  };
}
