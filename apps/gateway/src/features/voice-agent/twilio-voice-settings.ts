import type { ConfigIssue, GatewayEnvironment } from '../../config';

/**
 * Which Twilio voice path the environment asks for, and what is missing for it. Kept out of the variable
 * schema because these rules span several variables.
 *
 * - The Twilio path is on when `TWILIO_AUTH_TOKEN` is set (every webhook signature is then checked), or, for
 *   local development only (`NODE_ENV` development or test), when `PUBLIC_BASE_URL` alone is set: webhook
 *   signatures are then NOT checked, and the adapter warns at startup.
 * - `media_stream` when a recognizer (OpenAI) and a synthesizer (ElevenLabs) are configured; else `gather`,
 *   which needs nothing but Twilio.
 */

export type TwilioSpeechPath = 'media_stream' | 'gather';
export type TwilioVoicePath = TwilioSpeechPath | 'off';

export interface TwilioVoiceSettings {
  twilioVoice: TwilioVoicePath;
  issues: ConfigIssue[];
}

type VoiceEnvironment = Pick<
  GatewayEnvironment,
  | 'NODE_ENV'
  | 'PUBLIC_BASE_URL'
  | 'TWILIO_AUTH_TOKEN'
  | 'TWILIO_ACCOUNT_SID'
  | 'VOICE_STREAM_SECRET'
  | 'OPENAI_API_KEY'
  | 'ELEVENLABS_API_KEY'
  | 'ELEVENLABS_VOICE_ID'
>;

export function resolveTwilioVoice(environment: VoiceEnvironment, embeddedMode: boolean): TwilioVoiceSettings {
  const issues: ConfigIssue[] = [];
  const issue = (variable: keyof VoiceEnvironment, message: string) => issues.push({ variable, message });

  if (environment.ELEVENLABS_API_KEY !== undefined && environment.ELEVENLABS_VOICE_ID === undefined) {
    issue('ELEVENLABS_VOICE_ID', 'required when ELEVENLABS_API_KEY is set: the ElevenLabs voice the receptionist speaks with');
  }
  if (environment.TWILIO_AUTH_TOKEN !== undefined && environment.PUBLIC_BASE_URL === undefined) {
    issue('PUBLIC_BASE_URL', 'required when TWILIO_AUTH_TOKEN is set: Twilio signs, and is sent, URLs on the public origin');
  }
  const unsignedDevelopment = environment.NODE_ENV !== 'production' && environment.PUBLIC_BASE_URL !== undefined;
  const twilioOn = environment.TWILIO_AUTH_TOKEN !== undefined || unsignedDevelopment;
  if (!twilioOn) return { twilioVoice: 'off', issues };

  if (environment.PUBLIC_BASE_URL !== undefined && !isOrigin(environment.PUBLIC_BASE_URL)) {
    issue('PUBLIC_BASE_URL', 'expected an origin without a path or query, e.g. https://voice.example.com');
  }
  const speechVendors = environment.OPENAI_API_KEY !== undefined && environment.ELEVENLABS_API_KEY !== undefined;
  if (!speechVendors) return { twilioVoice: 'gather', issues };

  if (environment.TWILIO_AUTH_TOKEN === undefined) {
    issue('TWILIO_AUTH_TOKEN', "required for the media-stream speech path: transfers and hang-ups use Twilio's REST API");
  }
  if (environment.TWILIO_ACCOUNT_SID === undefined) {
    issue('TWILIO_ACCOUNT_SID', "required for the media-stream speech path: transfers and hang-ups use Twilio's REST API");
  }
  if (environment.VOICE_STREAM_SECRET === undefined && !embeddedMode) {
    issue('VOICE_STREAM_SECRET', 'required for the media-stream speech path: every instance must verify the stream tokens any instance issued');
  }
  return { twilioVoice: 'media_stream', issues };
}

function isOrigin(url: string): boolean {
  const parsed = new URL(url);
  return (parsed.pathname === '/' || parsed.pathname === '') && parsed.search === '' && parsed.hash === '';
}
