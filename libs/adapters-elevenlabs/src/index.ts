export type { InboundHeaders, InboundRequest, HandlerResponse, InboundHandler, JsonBody } from './http/inbound-request';
export { API_KEY_HEADER, ApiKeyGuard, withApiKey } from './auth/api-key-guard';
export type { ApiKeyGuardOptions } from './auth/api-key-guard';
export { secretsEqual } from './auth/constant-time';

export { ElevenLabsSpeechSynthesizer } from './tts/elevenlabs-speech-synthesizer';
export type { ElevenLabsSpeechSynthesizerOptions } from './tts/synthesizer-options';
export { DEFAULT_TTS_MODEL, DEFAULT_ELEVENLABS_BASE_URL } from './tts/synthesizer-options';
export { SpeechSynthesisError } from './tts/speech-synthesis-error';
export type { SynthesisFailure } from './tts/speech-synthesis-error';
export { TELEPHONY_OUTPUT_FORMAT } from './tts/tts-request';

export { PostCallWebhookHandler } from './post-call/post-call-webhook-handler';
export type { PostCallWebhookOptions } from './post-call/post-call-webhook-handler';
export type { ElevenLabsCallDetails } from './post-call/call-record-mapping';
export {
  SIGNATURE_HEADER,
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  DEFAULT_FUTURE_SKEW_SECONDS,
  verifyWebhookSignature,
} from './post-call/webhook-signature';
export type { SignatureCheck, SignatureVerification } from './post-call/webhook-signature';

export { ElevenLabsToolEndpoint } from './tools/elevenlabs-tool-endpoint';
export type { ElevenLabsToolEndpointOptions, ToolCallRequest } from './tools/elevenlabs-tool-endpoint';
export { ConversationSessions } from './tools/conversation-sessions';
export type { ConversationSessionsOptions, ConversationStart } from './tools/conversation-sessions';
export { ELEVENLABS_TOOL_NAMES, TOOLS_PATH } from './tools/elevenlabs-tool-names';
export type { ElevenLabsToolName } from './tools/elevenlabs-tool-names';
export { TOOL_CONTEXT_HEADERS } from './tools/tool-call-context';
export { elevenLabsToolDefinitions } from './tools/elevenlabs-tool-definitions';
export type {
  ElevenLabsWebhookTool,
  ElevenLabsToolDefinitionOptions,
  ElevenLabsLlmParameter,
  ElevenLabsHeaderValue,
} from './tools/elevenlabs-tool-definitions';
