import 'reflect-metadata';
import { ConversationSessions, ElevenLabsSpeechSynthesizer } from '@crowndesk/adapters-elevenlabs';
import { OpenAiRealtimeRecognizer } from '@crowndesk/adapters-openai';
import { MediaStreamHandler, TwilioCallControl, TwilioVoiceWebhooks } from '@crowndesk/adapters-twilio';
import { VOICE_TOKENS } from '@crowndesk/domain';
import { describe, expect, it } from 'vitest';
import { ELEVENLABS } from '../src/features/elevenlabs/elevenlabs-bindings';
import { voiceChannelsOf } from '../src/features/voice-channels';
import { TWILIO_VOICE } from '../src/features/voice-agent/twilio-voice-bindings';
import { containersPerTest } from './support/gateway-container';

const twilio = {
  TWILIO_AUTH_TOKEN: 'twilio-auth-token',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  PUBLIC_BASE_URL: 'https://voice.example.com',
};
const speech = {
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
  ELEVENLABS_API_KEY: 'xi-test',
  ELEVENLABS_VOICE_ID: 'EXAVITQu4vr4xnSDxMaL',
};

describe('the gateway container: the voice channels', () => {
  const containerFor = containersPerTest();

  it('binds no voice port and mounts nothing without vendor configuration', async () => {
    const bound = await containerFor({});
    for (const token of [...Object.values(VOICE_TOKENS), ...Object.values(TWILIO_VOICE), ...Object.values(ELEVENLABS)]) {
      expect(bound.isBound(token)).toBe(false);
    }
    expect(voiceChannelsOf(bound)).toEqual({ routes: [], mediaStream: undefined, liveCalls: [] });
  });

  it('binds the speech ports to OpenAI, ElevenLabs and Twilio, and the media stream handler, on the media-stream path', async () => {
    const bound = await containerFor({ ...twilio, ...speech, VOICE_STREAM_SECRET: 's'.repeat(40) });
    expect(bound.get(VOICE_TOKENS.SpeechRecognizer)).toBeInstanceOf(OpenAiRealtimeRecognizer);
    expect(bound.get(VOICE_TOKENS.SpeechSynthesizer)).toBeInstanceOf(ElevenLabsSpeechSynthesizer);
    expect(bound.get(VOICE_TOKENS.CallControl)).toBeInstanceOf(TwilioCallControl);
    expect(bound.get(TWILIO_VOICE.Webhooks)).toBeInstanceOf(TwilioVoiceWebhooks);
    expect(bound.get(TWILIO_VOICE.MediaStreams)).toBeInstanceOf(MediaStreamHandler);
    expect(bound.get(TWILIO_VOICE.StreamTokenSecret)).toBe('s'.repeat(40));
    const channels = voiceChannelsOf(bound);
    expect(channels.routes.map((routes) => routes.mountPath)).toEqual(['/api/voice-agent']);
    expect(channels.mediaStream?.maxPayload).toBe(64 * 1024);
    expect(channels.liveCalls).toHaveLength(1);
  });

  it('derives one random stream secret per process in embedded mode', async () => {
    const bound = await containerFor({ ...twilio, ...speech });
    const secret = bound.get<string>(TWILIO_VOICE.StreamTokenSecret);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(bound.get(TWILIO_VOICE.StreamTokenSecret)).toBe(secret);
  });

  it('on the gather path binds the webhooks but no media stream handler', async () => {
    const bound = await containerFor(twilio);
    expect(bound.get(TWILIO_VOICE.Webhooks)).toBeInstanceOf(TwilioVoiceWebhooks);
    expect(bound.isBound(TWILIO_VOICE.MediaStreams)).toBe(false);
    expect(voiceChannelsOf(bound).mediaStream).toBeUndefined();
  });

  it('shares one ConversationSessions between the ElevenLabs endpoints, mounted ahead of the JSON parser', async () => {
    const bound = await containerFor({ ELEVENLABS_TOOL_API_KEY: 't'.repeat(20), ELEVENLABS_WEBHOOK_SECRET: 'w'.repeat(20) });
    expect(bound.get(ELEVENLABS.ConversationSessions)).toBeInstanceOf(ConversationSessions);
    expect(voiceChannelsOf(bound).routes).toEqual([expect.objectContaining({ mountPath: '/api/elevenlabs', rawBody: true })]);
  });
});
