import type { Container, ResolutionContext } from 'inversify';
import {
  ApiKeyGuard,
  ConversationSessions,
  ElevenLabsToolEndpoint,
  PostCallWebhookHandler,
  withApiKey,
} from '@crowndesk/adapters-elevenlabs';
import {
  CALL_TOKENS,
  TOKENS,
  type CallEventInbox,
  type CallLog,
  type Clock,
  type Logger,
  type PracticeDirectory,
  type ToolRunner,
} from '@crowndesk/domain';
import type { GatewayConfig } from '../../config';
import type { GATEWAY } from '../../container';
import type { FeatureRoutes } from '../../http/app';
import { ConversationInitiation } from './conversation-initiation';
import { elevenLabsRoutes, type ElevenLabsHandlers } from './elevenlabs-routes';
import { postCallRecording } from './post-call-recording';

/** ElevenLabs Conversational AI (an ElevenLabs agent answers the phone and calls our tools). */
export const ELEVENLABS = {
  ConversationSessions: Symbol.for('crowndesk.gateway.ElevenLabsConversationSessions'),
  Routes: Symbol.for('crowndesk.gateway.ElevenLabsRoutes'),
} as const;

type GatewayServices = Pick<typeof GATEWAY, 'ToolRunner'>;

/**
 * Each endpoint is served once its secret is set: ELEVENLABS_TOOL_API_KEY (tools), ELEVENLABS_WEBHOOK_SECRET
 * (post-call), ELEVENLABS_CALLBACK_API_KEY (conversation initiation). The tools and the post-call webhook
 * share one ConversationSessions, so a call's record knows what its tool calls booked.
 */
export function bindElevenLabs(container: Container, config: GatewayConfig, gateway: GatewayServices): void {
  const { ELEVENLABS_TOOL_API_KEY: toolKey, ELEVENLABS_WEBHOOK_SECRET: webhookSecret, ELEVENLABS_CALLBACK_API_KEY: callbackKey } = config;
  if (toolKey === undefined && webhookSecret === undefined && callbackKey === undefined) return;

  container
    .bind<ConversationSessions>(ELEVENLABS.ConversationSessions)
    .toDynamicValue((context) => new ConversationSessions({ clock: context.get<Clock>(TOKENS.Clock) }));

  container.bind<FeatureRoutes>(ELEVENLABS.Routes).toDynamicValue((context) => {
    const handlers: ElevenLabsHandlers = {};
    if (toolKey !== undefined) {
      handlers.tool = new ElevenLabsToolEndpoint({
        apiKey: toolKey,
        directory: directory(context),
        toolRunner: context.get<ToolRunner>(gateway.ToolRunner),
        sessions: context.get<ConversationSessions>(ELEVENLABS.ConversationSessions),
        logger: logger(context),
      }).handle;
    }
    if (webhookSecret !== undefined) {
      const clock = context.get<Clock>(TOKENS.Clock);
      const inbox = context.get<CallEventInbox>(CALL_TOKENS.CallEventInbox, { optional: true });
      const recording = postCallRecording(inbox ? { inbox } : { callLog: context.get<CallLog>(TOKENS.CallLog) }, clock);
      handlers.postCall = new PostCallWebhookHandler({
        webhookSecret,
        directory: directory(context),
        sessions: context.get<ConversationSessions>(ELEVENLABS.ConversationSessions),
        clock,
        logger: logger(context),
        isFirstDelivery: recording.isFirstDelivery,
        onCallEnded: recording.onCallEnded,
      }).handle;
    }
    if (callbackKey !== undefined) {
      const initiation = new ConversationInitiation({ directory: directory(context), clock: context.get<Clock>(TOKENS.Clock), logger: logger(context) });
      handlers.callback = withApiKey(new ApiKeyGuard({ apiKey: callbackKey }), initiation.handle);
    }
    return elevenLabsRoutes(handlers);
  });
}

function directory(context: ResolutionContext): PracticeDirectory {
  return context.get<PracticeDirectory>(TOKENS.PracticeDirectory);
}

function logger(context: ResolutionContext): Logger {
  return context.get<Logger>(TOKENS.Logger);
}
