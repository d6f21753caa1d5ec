import type { Container } from 'inversify';
import type { WebSocket } from 'ws';
import { MEDIA_STREAM_MAX_FRAME_BYTES, type MediaStreamHandler, type TwilioVoiceWebhooks } from '@crowndesk/adapters-twilio';
import type { FeatureRoutes } from '../http/app';
import type { LiveCalls } from '../shutdown';
import type { MediaStreamEndpoint } from '../ws/upgrade-router';
import { ELEVENLABS } from './elevenlabs/elevenlabs-bindings';
import { TWILIO_VOICE } from './voice-agent/twilio-voice-bindings';
import { twilioVoiceRoutes } from './voice-agent/twilio-voice-routes';

/** What the server mounts for the phone channels besides Retell: Twilio (webhooks, media streams) and ElevenLabs. */
export interface VoiceChannels {
  /** HTTP routes of the configured channels. */
  routes: FeatureRoutes[];
  /** The Twilio Media Streams WebSocket, on the media-stream speech path. */
  mediaStream: MediaStreamEndpoint | undefined;
  /** Calls that get the shutdown grace period to end, then are ended (and logged). */
  liveCalls: LiveCalls[];
}

export function voiceChannelsOf(container: Container): VoiceChannels {
  const routes: FeatureRoutes[] = [];
  const liveCalls: LiveCalls[] = [];
  let mediaStream: MediaStreamEndpoint | undefined;
  if (container.isBound(TWILIO_VOICE.Webhooks)) {
    const webhooks = container.get<TwilioVoiceWebhooks>(TWILIO_VOICE.Webhooks);
    const streams = container.isBound(TWILIO_VOICE.MediaStreams) ? container.get<MediaStreamHandler>(TWILIO_VOICE.MediaStreams) : undefined;
    routes.push(twilioVoiceRoutes(webhooks));
    if (streams) mediaStream = { accept: (socket: WebSocket) => streams.accept(socket), maxPayload: MEDIA_STREAM_MAX_FRAME_BYTES };
    liveCalls.push(twilioCalls(webhooks, streams));
  }
  if (container.isBound(ELEVENLABS.Routes)) routes.push(container.get<FeatureRoutes>(ELEVENLABS.Routes));
  return { routes, mediaStream, liveCalls };
}

/**
 * Twilio calls in progress: media streams (closing one ends its phone call, so they get the grace period)
 * and gather-loop calls (they end with Twilio's final status callback).
 */
function twilioCalls(webhooks: TwilioVoiceWebhooks, streams: MediaStreamHandler | undefined): LiveCalls {
  return {
    activeCalls: () => (streams?.activeStreams() ?? 0) + webhooks.activeGatherCalls(),
    drain: async (code) => {
      await streams?.drain(code);
      await webhooks.drain();
    },
  };
}
