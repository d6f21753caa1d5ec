export { twilioVoiceConfigSchema, type TwilioVoiceConfig, type ResolvedTwilioVoiceConfig } from './config';
export { VOICE_AGENT_PATHS } from './paths';
export { PublicUrls } from './public-urls';
export { StreamTokens, type StreamClaims, type StreamTokenVerdict } from './stream-token';
export { TwilioSignatureVerifier } from './webhook/signature';
export {
  TwilioVoiceWebhooks,
  type TwilioVoiceWebhooksDeps,
  type TwilioWebhookRequest,
  type TwilioWebhookResponse,
} from './webhook/voice-webhooks';
export { MediaStreamHandler, MEDIA_STREAM_MAX_FRAME_BYTES, type MediaStreamHandlerDeps } from './media-stream/media-stream-handler';
export { STREAM_CLOSE_CODES } from './media-stream/close-codes';
export { STREAM_PARAMETER_NAMES } from './media-stream/stream-parameters';
export { TwilioCallControl, type TwilioCallControlOptions } from './call-control/twilio-call-control';
