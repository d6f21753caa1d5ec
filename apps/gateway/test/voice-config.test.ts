import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { resolveTwilioVoice } from '../src/features/voice-agent/twilio-voice-settings';
import { configError } from './support/config-error';

const twilio = {
  TWILIO_AUTH_TOKEN: 'twilio-auth-token',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  PUBLIC_BASE_URL: 'https://voice.example.com',
};
const speech = { OPENAI_API_KEY: 'sk-test', ELEVENLABS_API_KEY: 'xi-test', ELEVENLABS_VOICE_ID: 'EXAVITQu4vr4xnSDxMaL' };

describe('voice configuration', () => {
  it('has no Twilio path without Twilio configuration', () => {
    expect(parseConfig({}).twilioVoice).toBe('off');
    expect(parseConfig(speech).twilioVoice).toBe('off');
  });

  it('answers with <Gather> on Twilio alone, and streams media once a recognizer and a synthesizer are configured', () => {
    expect(parseConfig(twilio).twilioVoice).toBe('gather');
    expect(parseConfig({ ...twilio, OPENAI_API_KEY: 'sk-test' }).twilioVoice).toBe('gather');
    const config = parseConfig({ ...twilio, ...speech, ELEVENLABS_STABILITY: '0.35', ELEVENLABS_SIMILARITY_BOOST: '1' });
    expect(config).toMatchObject({ twilioVoice: 'media_stream', ELEVENLABS_STABILITY: 0.35, ELEVENLABS_SIMILARITY_BOOST: 1 });
  });

  it('turns the unsigned Twilio path on from PUBLIC_BASE_URL alone only outside production', () => {
    expect(parseConfig({ PUBLIC_BASE_URL: twilio.PUBLIC_BASE_URL }).twilioVoice).toBe('off');
    expect(parseConfig({ PUBLIC_BASE_URL: twilio.PUBLIC_BASE_URL, NODE_ENV: 'development' }).twilioVoice).toBe('gather');
  });

  it.each([
    [{ ELEVENLABS_API_KEY: 'xi-test' }, 'ELEVENLABS_VOICE_ID', 'required when ELEVENLABS_API_KEY is set'],
    [{ TWILIO_AUTH_TOKEN: 'twilio-auth-token' }, 'PUBLIC_BASE_URL', 'required when TWILIO_AUTH_TOKEN is set'],
    [{ ...twilio, PUBLIC_BASE_URL: 'https://voice.example.com/twilio' }, 'PUBLIC_BASE_URL', 'expected an origin'],
    [{ ...twilio, ...speech, TWILIO_ACCOUNT_SID: '' }, 'TWILIO_ACCOUNT_SID', 'required for the media-stream speech path'],
    [{ ...speech, PUBLIC_BASE_URL: twilio.PUBLIC_BASE_URL, TWILIO_ACCOUNT_SID: twilio.TWILIO_ACCOUNT_SID, NODE_ENV: 'test' }, 'TWILIO_AUTH_TOKEN', 'required for the media-stream speech path'],
    [{ VOICE_STREAM_SECRET: 'too-short' }, 'VOICE_STREAM_SECRET', 'expected at least 32 characters'],
    [{ ELEVENLABS_WEBHOOK_SECRET: 'wsec_short' }, 'ELEVENLABS_WEBHOOK_SECRET', 'expected at least 16 characters'],
    [{ ELEVENLABS_TOOL_API_KEY: 'short' }, 'ELEVENLABS_TOOL_API_KEY', 'expected at least 16 characters'],
    [{ ELEVENLABS_CALLBACK_API_KEY: 'short' }, 'ELEVENLABS_CALLBACK_API_KEY', 'expected at least 16 characters'],
    [{ ELEVENLABS_STABILITY: '1.5' }, 'ELEVENLABS_STABILITY', 'expected a number between 0 and 1'],
    [{ ELEVENLABS_VOICE_ID: 'voice id/1' }, 'ELEVENLABS_VOICE_ID', 'expected letters, digits'],
    [{ ELEVENLABS_BASE_URL: 'ftp://elevenlabs' }, 'ELEVENLABS_BASE_URL', 'expected an http(s) URL'],
    [{ TWILIO_ACCOUNT_SID: 'AC123' }, 'TWILIO_ACCOUNT_SID', 'expected AC followed by 32 hex digits'],
  ])('refuses %j naming %s', (environment, variable, message) => {
    const error = configError(environment);
    expect(error.variables).toEqual([variable]);
    expect(error.message).toContain(`${variable}: ${message}`);
    for (const value of Object.values(environment)) if (value && value.length > 3) expect(error.message).not.toContain(value);
  });

  it('treats empty voice variables as unset', () => {
    const config = parseConfig({ ...twilio, OPENAI_API_KEY: '', ELEVENLABS_API_KEY: ' ', VOICE_STREAM_SECRET: '', ELEVENLABS_STABILITY: '' });
    expect(config).toMatchObject({ twilioVoice: 'gather', VOICE_STREAM_SECRET: undefined, ELEVENLABS_STABILITY: undefined });
  });

  it('requires a shared VOICE_STREAM_SECRET for media streams once the backend is not the embedded one', () => {
    const environment = { ...parseConfig({ ...twilio, ...speech }) };
    expect(resolveTwilioVoice(environment, false).issues).toEqual([
      { variable: 'VOICE_STREAM_SECRET', message: expect.stringContaining('every instance must verify') },
    ]);
    expect(resolveTwilioVoice({ ...environment, VOICE_STREAM_SECRET: 's'.repeat(32) }, false)).toEqual({ twilioVoice: 'media_stream', issues: [] });
    expect(resolveTwilioVoice(environment, true)).toEqual({ twilioVoice: 'media_stream', issues: [] });
  });
});
