import { BuiltinReceptionistModel } from '@crowndesk/adapters-builtin-model';
import { DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import type { Clock } from '@crowndesk/domain';
import { OpenAiRealtimeStandIn, REALTIME_API_KEY, type RealtimeTranscriptionSession } from './voice-openai-realtime';
import { ElevenLabsTtsStandIn, TTS_API_KEY, TTS_VOICE_ID, type TtsStandInOptions } from './voice-elevenlabs-tts';
import { startTestGateway, type TestGateway } from './test-gateway';
import {
  incomingCallParams,
  postTwilioWebhook,
  streamOf,
  TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN,
  TwilioMediaStream,
} from './voice-twilio-caller';

/** Where Twilio believes the gateway is (behind a TLS-terminating proxy, as on Fly). */
export const PUBLIC_BASE_URL = 'https://voice.crowndesk.test';

/** The environment of the media-stream speech path, every vendor played by a loopback stand-in. */
export function mediaStreamEnvironment(stt: OpenAiRealtimeStandIn, tts: ElevenLabsTtsStandIn): Record<string, string> {
  return {
    OPENAI_API_KEY: REALTIME_API_KEY,
    OPENAI_BASE_URL: stt.baseUrl,
    ELEVENLABS_API_KEY: TTS_API_KEY,
    ELEVENLABS_VOICE_ID: TTS_VOICE_ID,
    ELEVENLABS_BASE_URL: tts.baseUrl,
    TWILIO_AUTH_TOKEN,
    TWILIO_ACCOUNT_SID,
    PUBLIC_BASE_URL,
  };
}

export interface PhoneCall {
  stream: TwilioMediaStream;
  /** The recognizer's session at the OpenAI stand-in: it hears the caller and speaks for them. */
  recognition: RealtimeTranscriptionSession;
}

/**
 * Twilio's incoming-call webhook for `callSid` (signed for PUBLIC_BASE_URL), then the Media Stream its TwiML
 * names, on a gateway at `httpBase`. Calls are dialled one at a time: the next recognizer session to reach
 * the stand-in is this call's.
 */
export async function dialGateway(httpBase: string, stt: OpenAiRealtimeStandIn, callSid: string, to = DEMO_PHONE_NUMBER): Promise<PhoneCall> {
  const path = '/api/voice-agent/incoming';
  const answer = await postTwilioWebhook(`${httpBase}${path}`, `${PUBLIC_BASE_URL}${path}`, incomingCallParams(callSid, to));
  if (answer.status !== 200) throw new Error(`incoming-call webhook answered ${answer.status}`);
  const recognition = stt.nextSession();
  const stream = await TwilioMediaStream.connect(httpBase.replace(/^http/, 'ws'), streamOf(answer.body), { callSid });
  return { stream, recognition: await recognition };
}

/**
 * The real gateway on the media-stream speech path: OpenAI's realtime transcription and ElevenLabs' TTS are
 * loopback stand-ins, Twilio is the test itself. OPENAI_API_KEY also selects OpenAI as the chat model, so
 * the language model is overridden with the built-in engine: the dialogue stays deterministic and local.
 */
export class VoiceGateway {
  private constructor(
    readonly gateway: TestGateway,
    readonly stt: OpenAiRealtimeStandIn,
    readonly tts: ElevenLabsTtsStandIn,
  ) {}

  static async start(
    options: { dataDir?: string; clock?: Clock; env?: Record<string, string>; tts?: TtsStandInOptions } = {},
  ): Promise<VoiceGateway> {
    const stt = await OpenAiRealtimeStandIn.start();
    const tts = await ElevenLabsTtsStandIn.start(options.tts);
    const gateway = await startTestGateway({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      env: { ...mediaStreamEnvironment(stt, tts), ...options.env },
      overrides: { languageModel: new BuiltinReceptionistModel(), ...(options.clock ? { clock: options.clock } : {}) },
    });
    return new VoiceGateway(gateway, stt, tts);
  }

  /** Twilio's incoming-call webhook for `callSid` to the demo practice, then its Media Stream. */
  dial(callSid: string, to = DEMO_PHONE_NUMBER): Promise<PhoneCall> {
    return dialGateway(this.gateway.http(''), this.stt, callSid, to);
  }

  async close(): Promise<void> {
    await this.gateway.close();
    await this.stt.close();
    await this.tts.close();
  }
}
