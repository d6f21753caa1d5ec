import type { Container, ResolutionContext } from 'inversify';
import { ElevenLabsSpeechSynthesizer } from '@crowndesk/adapters-elevenlabs';
import { OpenAiRealtimeRecognizer } from '@crowndesk/adapters-openai';
import { MediaStreamHandler, TwilioCallControl, TwilioVoiceWebhooks } from '@crowndesk/adapters-twilio';
import {
  TOKENS,
  VOICE_TOKENS,
  type CallControl,
  type ConversationFactory,
  type Logger,
  type PracticeDirectory,
  type SpeechRecognizer,
  type SpeechSynthesizer,
} from '@crowndesk/domain';
import type { GatewayConfig } from '../../config';
import type { GATEWAY } from '../../container';
import { streamTokenSecret } from './stream-token-secret';

/** The Twilio voice path's services (the speech ports' tokens are the domain's VOICE_TOKENS). */
export const TWILIO_VOICE = {
  StreamTokenSecret: Symbol.for('crowndesk.gateway.VoiceStreamTokenSecret'),
  Webhooks: Symbol.for('crowndesk.gateway.TwilioVoiceWebhooks'),
  MediaStreams: Symbol.for('crowndesk.gateway.MediaStreamHandler'),
} as const;

type GatewayServices = Pick<typeof GATEWAY, 'ConversationFactory'>;

/**
 * Binds the speech ports whose vendor is configured (OpenAI listens, ElevenLabs speaks, Twilio moves calls),
 * then the Twilio webhooks and, on the media-stream path, the Media Streams handler.
 */
export function bindTwilioVoice(container: Container, config: GatewayConfig, gateway: GatewayServices): void {
  bindSpeechPorts(container, config);
  if (config.twilioVoice === 'off') return;
  const publicBaseUrl = config.PUBLIC_BASE_URL;
  if (publicBaseUrl === undefined) throw new Error('the Twilio voice path is on without PUBLIC_BASE_URL (parseConfig refuses this)');
  const mediaStream = config.twilioVoice === 'media_stream';

  if (mediaStream) {
    container
      .bind<string>(TWILIO_VOICE.StreamTokenSecret)
      .toDynamicValue((context) => streamTokenSecret(config.VOICE_STREAM_SECRET, logger(context)));
  }
  container.bind<TwilioVoiceWebhooks>(TWILIO_VOICE.Webhooks).toDynamicValue(
    (context) =>
      new TwilioVoiceWebhooks({
        config: {
          publicBaseUrl,
          authToken: config.TWILIO_AUTH_TOKEN,
          accountSid: config.TWILIO_ACCOUNT_SID,
          speechPath: mediaStream ? 'media_stream' : 'gather',
          streamTokenSecret: mediaStream ? context.get<string>(TWILIO_VOICE.StreamTokenSecret) : undefined,
          // Only the embedded demo database has a fallback practice; a real backend must know every number.
          allowFallbackPractice: config.embeddedMode,
        },
        directory: context.get<PracticeDirectory>(TOKENS.PracticeDirectory),
        conversations: context.get<ConversationFactory>(gateway.ConversationFactory),
        logger: logger(context),
      }),
  );
  if (!mediaStream) return;
  container.bind<MediaStreamHandler>(TWILIO_VOICE.MediaStreams).toDynamicValue(
    (context) =>
      new MediaStreamHandler({
        directory: context.get<PracticeDirectory>(TOKENS.PracticeDirectory),
        conversations: context.get<ConversationFactory>(gateway.ConversationFactory),
        recognizer: context.get<SpeechRecognizer>(VOICE_TOKENS.SpeechRecognizer),
        synthesizer: context.get<SpeechSynthesizer>(VOICE_TOKENS.SpeechSynthesizer),
        callControl: context.get<CallControl>(VOICE_TOKENS.CallControl),
        logger: logger(context),
        streamTokenSecret: context.get<string>(TWILIO_VOICE.StreamTokenSecret),
      }),
  );
}

function bindSpeechPorts(container: Container, config: GatewayConfig): void {
  const openAiKey = config.OPENAI_API_KEY;
  if (openAiKey !== undefined) {
    container.bind<SpeechRecognizer>(VOICE_TOKENS.SpeechRecognizer).toDynamicValue(
      (context) =>
        new OpenAiRealtimeRecognizer({
          apiKey: openAiKey,
          ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
          logger: logger(context),
        }),
    );
  }
  const elevenLabsKey = config.ELEVENLABS_API_KEY;
  const voiceId = config.ELEVENLABS_VOICE_ID;
  if (elevenLabsKey !== undefined && voiceId !== undefined) {
    container.bind<SpeechSynthesizer>(VOICE_TOKENS.SpeechSynthesizer).toDynamicValue(
      (context) =>
        new ElevenLabsSpeechSynthesizer({
          apiKey: elevenLabsKey,
          voiceId,
          ...(config.ELEVENLABS_MODEL_ID ? { modelId: config.ELEVENLABS_MODEL_ID } : {}),
          ...(config.ELEVENLABS_STABILITY !== undefined ? { stability: config.ELEVENLABS_STABILITY } : {}),
          ...(config.ELEVENLABS_SIMILARITY_BOOST !== undefined ? { similarityBoost: config.ELEVENLABS_SIMILARITY_BOOST } : {}),
          ...(config.ELEVENLABS_BASE_URL ? { baseUrl: config.ELEVENLABS_BASE_URL } : {}),
          logger: logger(context),
        }),
    );
  }
  const accountSid = config.TWILIO_ACCOUNT_SID;
  const authToken = config.TWILIO_AUTH_TOKEN;
  if (accountSid !== undefined && authToken !== undefined) {
    container
      .bind<CallControl>(VOICE_TOKENS.CallControl)
      .toDynamicValue((context) => new TwilioCallControl({ accountSid, authToken, logger: logger(context) }));
  }
}

function logger(context: ResolutionContext): Logger {
  return context.get<Logger>(TOKENS.Logger);
}
