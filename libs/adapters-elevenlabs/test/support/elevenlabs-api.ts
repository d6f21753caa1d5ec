/** The ElevenLabs text-to-speech endpoint the tests mock (with @crowndesk/testing's mockThirdPartyHttp). */
export const API_KEY = 'xi-test-0123456789';
export const VOICE_ID = '21m00Tcm4TlvDq8ikWAM';
export const TTS_URL = `https://api.elevenlabs.io/v1/text-to-speech/${VOICE_ID}/stream`;
