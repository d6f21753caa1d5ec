import {
  type CallControl,
  type ConversationFactory,
  type Logger,
  type PlaybackClock,
  type PracticeDirectory,
  type SpeechRecognizer,
  type SpeechSynthesizer,
  type VoiceCallOptions,
} from '@crowndesk/domain';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { StreamTokens } from '../stream-token';
import { STREAM_CLOSE_CODES } from './close-codes';
import { MediaStreamConnection, type StreamRegistry } from './media-stream-connection';

/** Frames above this are refused (1009); also set it as the WebSocketServer's maxPayload. */
export const MEDIA_STREAM_MAX_FRAME_BYTES = 64 * 1024;

export interface MediaStreamHandlerDeps {
  directory: PracticeDirectory;
  conversations: ConversationFactory;
  recognizer: SpeechRecognizer;
  synthesizer: SpeechSynthesizer;
  callControl: CallControl;
  logger: Logger;
  /** The same secret the incoming-call webhook signs stream tokens with (TwilioVoiceConfig.streamTokenSecret). */
  streamTokenSecret: string;
  streamTokenTtlSeconds?: number;
  /** Pacing, barge-in and silence settings of each call (see VoiceCallOptions). */
  voiceCall?: Omit<VoiceCallOptions, 'callRef'>;
  /** How long a socket may stay open without a valid start frame. Default 10 s. */
  startTimeoutMs?: number;
  maxFrameBytes?: number;
  /** Milliseconds since the epoch, for stream token expiry. Default Date.now. */
  now?: () => number;
  /** Pacing clock; the real-time clock by default. */
  playbackClock?: PlaybackClock;
}

const optionsSchema = z.object({
  streamTokenSecret: z.string().min(32),
  streamTokenTtlSeconds: z.number().int().min(10).max(600).default(120),
  startTimeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  maxFrameBytes: z.number().int().min(1_024).max(16 * 1024 * 1024).default(MEDIA_STREAM_MAX_FRAME_BYTES),
});

const SHUTDOWN_REASON = 'server shutting down';

/**
 * Serves Twilio Media Streams on `/voice-agent/media-stream`: the gateway hands it every upgraded socket.
 * Each stream authenticates with its start frame's stream token and then runs one VoiceCall.
 */
export class MediaStreamHandler {
  private readonly connections = new Set<MediaStreamConnection>();
  private readonly byCall = new Map<string, MediaStreamConnection>();
  private readonly tokens: StreamTokens;
  private readonly startTimeoutMs: number;
  private readonly maxFrameBytes: number;
  private nextId = 1;
  private draining = false;
  private readonly registry: StreamRegistry = {
    claim: (callSid, connection) => {
      const holder = this.byCall.get(callSid);
      if (holder && holder !== connection) return false;
      this.byCall.set(callSid, connection);
      return true;
    },
    release: (callSid, connection) => {
      if (this.byCall.get(callSid) === connection) this.byCall.delete(callSid);
    },
    closed: (connection) => void this.connections.delete(connection),
  };

  constructor(private readonly deps: MediaStreamHandlerDeps) {
    const options = optionsSchema.parse({
      streamTokenSecret: deps.streamTokenSecret,
      streamTokenTtlSeconds: deps.streamTokenTtlSeconds,
      startTimeoutMs: deps.startTimeoutMs,
      maxFrameBytes: deps.maxFrameBytes,
    });
    this.tokens = new StreamTokens(options.streamTokenSecret, options.streamTokenTtlSeconds, deps.now);
    this.startTimeoutMs = options.startTimeoutMs;
    this.maxFrameBytes = options.maxFrameBytes;
  }

  /** Takes over an upgraded socket on the media stream path. */
  accept(socket: WebSocket): void {
    const id = this.nextId++;
    if (socket.readyState !== WebSocket.OPEN) {
      this.deps.logger.warn({ connectionId: id }, 'media stream socket closed before it was accepted');
      return;
    }
    if (this.draining) {
      socket.close(STREAM_CLOSE_CODES.goingAway, SHUTDOWN_REASON);
      return;
    }
    const connection = new MediaStreamConnection(socket, id, {
      directory: this.deps.directory,
      conversations: this.deps.conversations,
      recognizer: this.deps.recognizer,
      synthesizer: this.deps.synthesizer,
      callControl: this.deps.callControl,
      logger: this.deps.logger,
      tokens: this.tokens,
      registry: this.registry,
      voiceCall: this.deps.voiceCall ?? {},
      playbackClock: this.deps.playbackClock,
      startTimeoutMs: this.startTimeoutMs,
      maxFrameBytes: this.maxFrameBytes,
    });
    this.connections.add(connection);
    connection.open();
  }

  /** Open media stream sockets, authenticated or not yet. */
  activeStreams(): number {
    return this.connections.size;
  }

  /**
   * Graceful shutdown: refuses new streams, ends every call (each reaches the call log) and closes its
   * socket with `code`. Closing a stream ends the phone call, so wait for activeStreams() to fall first.
   */
  async drain(code: number = STREAM_CLOSE_CODES.goingAway): Promise<void> {
    this.draining = true;
    const connections = [...this.connections];
    await Promise.all(connections.map((connection) => connection.shutdown(code, SHUTDOWN_REASON)));
    this.deps.logger.info({ streams: connections.length }, 'media streams drained');
  }
}
