import express, { Router, type RequestHandler, type Response } from 'express';
import { RETELL_WEBHOOK_MAX_BODY_BYTES, RETELL_WEBHOOK_PATH, type RetellWebhookReply } from '@crowndesk/adapters-retell';
import type { Logger } from '@crowndesk/domain';
import type { FeatureRoutes } from '../../http/app';
import { defineRoute } from '../../http/routes';

export const RETELL_MOUNT_PATH = '/api/retell';
const WEBHOOK_ROUTE = RETELL_WEBHOOK_PATH.slice(RETELL_MOUNT_PATH.length);
if (`${RETELL_MOUNT_PATH}${WEBHOOK_ROUTE}` !== RETELL_WEBHOOK_PATH) {
  throw new Error(`The Retell webhook path ${RETELL_WEBHOOK_PATH} is not under ${RETELL_MOUNT_PATH}`);
}

/** What the route needs of RetellWebhookReceiver. */
export interface RetellWebhooks {
  receive(request: { rawBody: Buffer; headers: Record<string, string | string[] | undefined> }): Promise<RetellWebhookReply>;
}

const NOT_CONFIGURED: RetellWebhookReply = { status: 503, body: { ok: false, reason: 'webhook verification not configured' } };

/**
 * `POST /api/retell/webhook`. The signature covers the exact bytes Retell sent, so the body is read raw
 * (whatever its content type, up to RETELL_WEBHOOK_MAX_BODY_BYTES: larger is a JSON 413) and the route is
 * mounted ahead of the gateway's JSON parser (`rawBody: true`). The receiver only verifies, dedupes and merges
 * in one local transaction before answering; delivery onwards is the outbox's. Without RETELL_API_KEY every
 * delivery gets 503: nothing unsigned is ever accepted, and Retell retries once the key is configured.
 */
export function retellWebhookRoutes(webhooks: RetellWebhooks | undefined, logger: Logger): FeatureRoutes {
  const router = Router();
  defineRoute(router, WEBHOOK_ROUTE, { post: webhooks ? receiveWith(webhooks) : refuseUnverifiable(logger) });
  return { mountPath: RETELL_MOUNT_PATH, router, rawBody: true };
}

function receiveWith(webhooks: RetellWebhooks): RequestHandler {
  const readRaw = express.raw({ type: () => true, limit: RETELL_WEBHOOK_MAX_BODY_BYTES });
  return (request, response, next) => {
    readRaw(request, response, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      // No body at all leaves req.body undefined: verified as empty bytes (and refused).
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      webhooks.receive({ rawBody, headers: request.headers }).then((reply) => send(response, reply), next);
    });
  };
}

function refuseUnverifiable(logger: Logger): RequestHandler {
  return (_request, response) => {
    logger.warn({ status: NOT_CONFIGURED.status }, 'retell webhook refused: RETELL_API_KEY is not set, so it cannot be verified');
    send(response, NOT_CONFIGURED);
  };
}

function send(response: Response, { status, body }: RetellWebhookReply): void {
  if (response.headersSent) return;
  response.setHeader('Cache-Control', 'no-store');
  response.status(status).json(body);
}
