/** Where Twilio reaches us. The gateway mounts the handlers at exactly these paths. */
export const VOICE_AGENT_PATHS = {
  /** The phone number's "A call comes in" webhook (POST). */
  incoming: '/api/voice-agent/incoming',
  /** `<Gather>` results in the fallback loop (POST). */
  gather: '/api/voice-agent/gather',
  /** The phone number's "Call status changes" webhook (POST). */
  status: '/api/voice-agent/status',
  /** The Media Streams WebSocket (`<Connect><Stream>`). */
  mediaStream: '/voice-agent/media-stream',
} as const;
