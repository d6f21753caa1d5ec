import express, { Router, type RequestHandler, type Response } from 'express';
import type { HandlerResponse, InboundRequest } from '@crowndesk/adapters-elevenlabs';
import type { FeatureRoutes } from '../../http/app';
import { defineRoute } from '../../http/routes';

export const ELEVENLABS_MOUNT_PATH = '/api/elevenlabs';
/** Tool arguments and the initiation request are small. */
const REQUEST_LIMIT = '256kb';
/** A post-call transcription carries the whole conversation, tool calls included. */
const POST_CALL_LIMIT = '1mb';

export interface ElevenLabsHandlers {
  /** POST /tools/:toolName (X-API-Key). */
  tool?: (request: InboundRequest & { toolName: string }) => Promise<HandlerResponse>;
  /** POST /post-call (ElevenLabs-Signature HMAC). */
  postCall?: (request: InboundRequest) => Promise<HandlerResponse>;
  /** POST /callback (X-API-Key). */
  callback?: (request: InboundRequest) => Promise<HandlerResponse>;
}

/**
 * ElevenLabs' requests to us. Each handler gets the body's exact bytes (the post-call signature is computed
 * over them), so these routes read the raw body themselves and are mounted ahead of the gateway's JSON
 * parser (`rawBody: true`). A route whose secret is not configured is not mounted (404).
 */
export function elevenLabsRoutes(handlers: ElevenLabsHandlers): FeatureRoutes {
  const router = Router();
  const { tool, postCall, callback } = handlers;
  if (tool) {
    defineRoute(router, '/tools/:toolName', {
      post: rawBodyRoute(REQUEST_LIMIT, (request, signal) =>
        tool({ toolName: String(request.params['toolName'] ?? ''), rawBody: request.body as Buffer, headers: request.headers, signal }),
      ),
    });
  }
  if (postCall) {
    defineRoute(router, '/post-call', {
      post: rawBodyRoute(POST_CALL_LIMIT, (request, signal) => postCall({ rawBody: request.body as Buffer, headers: request.headers, signal })),
    });
  }
  if (callback) {
    defineRoute(router, '/callback', {
      post: rawBodyRoute(REQUEST_LIMIT, (request, signal) => callback({ rawBody: request.body as Buffer, headers: request.headers, signal })),
    });
  }
  return { mountPath: ELEVENLABS_MOUNT_PATH, router, rawBody: true };
}

/** Reads the body as bytes (whatever its content type), runs the handler and writes its JSON answer. */
function rawBodyRoute(limit: string, run: (request: express.Request, signal: AbortSignal) => Promise<HandlerResponse>): RequestHandler {
  const readRaw = express.raw({ type: () => true, limit });
  return (request, response, next) => {
    readRaw(request, response, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      // No body at all leaves req.body undefined; the handlers take that as empty.
      if (!Buffer.isBuffer(request.body)) request.body = Buffer.alloc(0);
      run(request, abortedWhenGone(response)).then((answer) => send(response, answer), next);
    });
  };
}

function send(response: Response, { status, body }: HandlerResponse): void {
  if (response.headersSent) return;
  response.setHeader('Cache-Control', 'no-store');
  response.status(status).json(body);
}

/** Aborts when the client goes away before the answer was written. */
function abortedWhenGone(response: Response): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
