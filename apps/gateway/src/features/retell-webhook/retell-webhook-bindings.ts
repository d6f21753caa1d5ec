import type { Container, ResolutionContext } from 'inversify';
import { RetellWebhookReceiver } from '@crowndesk/adapters-retell';
import { TOKENS, type CallEventInbox, type Clock, type Logger, type PracticeDirectory } from '@crowndesk/domain';
import type { GatewayConfig } from '../../config';
import type { FeatureRoutes } from '../../http/app';
import { BACKEND } from '../backend/backend-tokens';
import { retellWebhookRoutes } from './retell-webhook-routes';

export const RETELL_WEBHOOK = {
  Receiver: Symbol.for('crowndesk.gateway.RetellWebhookReceiver'),
  Routes: Symbol.for('crowndesk.gateway.RetellWebhookRoutes'),
} as const;

/**
 * Retell's signed post-call webhooks (`call_started`, `call_ended`, `call_analyzed`), verified with RETELL_API_KEY
 * and accepted into BACKEND.WebhookInbox (see durable-state-bindings.ts). The route always exists: without the
 * key it answers 503 rather than 404, so a misconfigured deployment is visible in Retell's delivery log.
 */
export function bindRetellWebhook(container: Container, config: GatewayConfig): void {
  const apiKey = config.RETELL_API_KEY;
  if (apiKey !== undefined) {
    container.bind<RetellWebhookReceiver>(RETELL_WEBHOOK.Receiver).toDynamicValue(
      (context) =>
        new RetellWebhookReceiver({
          apiKey,
          inbox: context.get<CallEventInbox>(BACKEND.WebhookInbox),
          directory: context.get<PracticeDirectory>(TOKENS.PracticeDirectory),
          logger: logger(context),
          clock: context.get<Clock>(TOKENS.Clock),
          // Only the embedded demo database has a fallback practice; a real backend must know every agent.
          allowFallbackPractice: config.embeddedMode,
        }),
    );
  }
  container.bind<FeatureRoutes>(RETELL_WEBHOOK.Routes).toDynamicValue((context) => {
    const receiver = context.get<RetellWebhookReceiver>(RETELL_WEBHOOK.Receiver, { optional: true });
    return retellWebhookRoutes(receiver, logger(context));
  });
}

function logger(context: ResolutionContext): Logger {
  return context.get<Logger>(TOKENS.Logger);
}
