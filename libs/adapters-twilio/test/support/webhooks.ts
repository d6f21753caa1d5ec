import { FakePracticeDirectory, minimalPractice, RecordingLogger, ScriptedConversationFactory } from '@crowndesk/testing';
import { TwilioVoiceWebhooks, VOICE_AGENT_PATHS, type TwilioVoiceConfig, type TwilioWebhookResponse } from '../../src';
import { CALLER_NUMBER, PRACTICE_NUMBER } from './phone-numbers';
import { ACCOUNT_SID, AUTH_TOKEN, CALL_SID } from './twilio-rest';
import { twilioSignature } from './twilio-signature';

export const PUBLIC_ORIGIN = 'https://voice.example.com';
/** What the app sees behind Fly's proxy: plain http to an internal address. */
export const INTERNAL_ORIGIN = 'http://10.0.0.5:8080';
export const STREAM_SECRET = 'stream-token-secret-0123456789abcdef';
export const NOW = Date.parse('2026-01-05T15:00:00.000Z');

export type Route = keyof Omit<typeof VOICE_AGENT_PATHS, 'mediaStream'>;

export interface PostOptions {
  /** The URL as the app received it. Default: the public URL of the route. */
  seenAs?: string;
  /** The URL Twilio signed. Default: the public URL of the route. */
  signedUrl?: string;
  /** Override the signature: a string, or null to send none. */
  signature?: string | null;
  /** Sign with this token instead of the configured one. */
  signWith?: string;
}

/** The webhooks under test with doubles behind them, and a way to post to them as Twilio does. */
export class WebhookFixture {
  readonly logger = new RecordingLogger();
  readonly directory = new FakePracticeDirectory().add(minimalPractice('practice-bright'), { number: PRACTICE_NUMBER });
  readonly conversations = new ScriptedConversationFactory();
  readonly webhooks: TwilioVoiceWebhooks;

  constructor(config: Partial<TwilioVoiceConfig> = {}) {
    this.webhooks = new TwilioVoiceWebhooks({
      config: {
        publicBaseUrl: PUBLIC_ORIGIN,
        authToken: AUTH_TOKEN,
        speechPath: 'media_stream',
        streamTokenSecret: STREAM_SECRET,
        ...config,
      },
      directory: this.directory,
      conversations: this.conversations,
      logger: this.logger,
      now: () => NOW,
    });
  }

  post(route: Route, params: Record<string, string>, options: PostOptions = {}): Promise<TwilioWebhookResponse> {
    const path = VOICE_AGENT_PATHS[route];
    const signedUrl = options.signedUrl ?? `${PUBLIC_ORIGIN}${path}`;
    const signature =
      options.signature === null ? undefined : (options.signature ?? twilioSignature(options.signWith ?? AUTH_TOKEN, signedUrl, params));
    return this.webhooks[route]({ url: options.seenAs ?? `${PUBLIC_ORIGIN}${path}`, params, signature });
  }
}

/** The form body Twilio posts for a new inbound call. */
export function callParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    CallSid: CALL_SID,
    AccountSid: ACCOUNT_SID,
    From: CALLER_NUMBER,
    To: PRACTICE_NUMBER,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
    FromCity: 'SPRINGFIELD',
    ...overrides,
  };
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
export const SAY = '<Say voice="Polly.Joanna-Neural" language="en-US">';
export const GATHER_OPEN = `<Gather input="speech" action="${PUBLIC_ORIGIN}/api/voice-agent/gather" method="POST" speechTimeout="auto" language="en-US" actionOnEmptyResult="true">`;

/** `<Say>` inside the speech `<Gather>`, as the gather loop answers. */
export const gatherSaying = (text: string): string =>
  `${XML_HEAD}<Response>${GATHER_OPEN}${text ? `${SAY}${xmlText(text)}</Say>` : ''}</Gather></Response>`;

export const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
