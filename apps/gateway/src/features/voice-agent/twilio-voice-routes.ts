import { Router, type Request } from 'express';
import { VOICE_AGENT_PATHS, type TwilioVoiceWebhooks } from '@crowndesk/adapters-twilio';
import type { FeatureRoutes } from '../../http/app';
import { defineRoute } from '../../http/routes';

const MOUNT_PATH = '/api/voice-agent';
const WEBHOOKS = ['incoming', 'gather', 'status'] as const;

/**
 * Twilio's voice webhooks: POST /api/voice-agent/{incoming,gather,status}, form-encoded (the gateway's /api
 * body parsers decode them). The adapter checks X-Twilio-Signature over the URL on PUBLIC_BASE_URL and the
 * parsed params exactly as received, so both are handed over untouched.
 */
export function twilioVoiceRoutes(webhooks: TwilioVoiceWebhooks): FeatureRoutes {
  const router = Router();
  for (const webhook of WEBHOOKS) {
    defineRoute(router, VOICE_AGENT_PATHS[webhook].slice(MOUNT_PATH.length), {
      post: async (request, response) => {
        const answer = await webhooks[webhook]({
          url: request.originalUrl,
          params: formParams(request),
          signature: request.get('x-twilio-signature'),
        });
        response.setHeader('Cache-Control', 'no-store');
        response.status(answer.status).type(answer.contentType).send(answer.body);
      },
    });
  }
  return { mountPath: MOUNT_PATH, router };
}

/** The decoded form, or nothing when the body was not a form (the signature check then fails). */
function formParams(request: Request): Record<string, unknown> {
  const body: unknown = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !Buffer.isBuffer(body)
    ? (body as Record<string, unknown>)
    : {};
}
