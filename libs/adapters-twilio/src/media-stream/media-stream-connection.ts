import {
  VoiceCall,
  type CallControl,
  type ConversationFactory,
  type Logger,
  type PlaybackClock,
  type PracticeDirectory,
  type SpeechRecognizer,
  type SpeechSynthesizer,
  type VoiceCallOptions,
  type VoiceCallTransport,
} from '@crowndesk/domain';
import { WebSocket, type RawData } from 'ws';
import { describeError } from '../errors';
import type { StreamTokens } from '../stream-token';
import { closeReason, STREAM_CLOSE_CODES } from './close-codes';
import { outboundFrames, parseInboundFrame, type InboundFrame, type StartFrame } from './frames';
import { streamParameters } from './stream-parameters';

/** Keeps one live stream per call: a second stream for the same call is refused. */
export interface StreamRegistry {
  claim(callSid: string, connection: MediaStreamConnection): boolean;
  release(callSid: string, connection: MediaStreamConnection): void;
  closed(connection: MediaStreamConnection): void;
}

export interface MediaStreamConnectionDeps {
  directory: PracticeDirectory;
  conversations: ConversationFactory;
  recognizer: SpeechRecognizer;
  synthesizer: SpeechSynthesizer;
  callControl: CallControl;
  logger: Logger;
  tokens: StreamTokens;
  registry: StreamRegistry;
  voiceCall: Omit<VoiceCallOptions, 'callRef'>;
  playbackClock: PlaybackClock | undefined;
  startTimeoutMs: number;
  maxFrameBytes: number;
}

type ConnectionState = 'awaiting_start' | 'authenticating' | 'streaming' | 'closed';

const MULAW = { encoding: 'audio/x-mulaw', sampleRate: 8_000, channels: 1 } as const;

/**
 * One Media Streams WebSocket. Nothing that connects is trusted: until a `start` frame carries a valid
 * stream token for its own call sid, the socket gets no conversation, no recognizer and no audio. Every
 * frame is validated; a bad one closes this stream only, with a close code that says why.
 */
export class MediaStreamConnection {
  private state: ConnectionState = 'awaiting_start';
  private streamSid: string | undefined;
  private callSid: string | undefined;
  private call: VoiceCall | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private droppedMedia = 0;
  private cleanedUp = false;
  private readonly logContext: Record<string, unknown>;

  constructor(
    private readonly socket: WebSocket,
    readonly id: number,
    private readonly deps: MediaStreamConnectionDeps,
  ) {
    this.logContext = { connectionId: id };
  }

  open(): void {
    this.socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.socket.on('close', () => void this.onClosed());
    this.socket.on('error', (error) => this.deps.logger.warn({ ...this.logContext, ...describeError(error) }, 'media stream socket error'));
    this.startTimer = setTimeout(() => this.refuse(STREAM_CLOSE_CODES.startTimeout, 'no start frame in time'), this.deps.startTimeoutMs);
  }

  get isStreaming(): boolean {
    return this.state === 'streaming';
  }

  /** Ends the call (it reaches the call log) and closes the socket; resolves when the call is finished. */
  async shutdown(code: number, reason: string): Promise<void> {
    const call = this.call;
    this.close(code, reason);
    await call?.end();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.state === 'closed') return;
    const bytes = rawLength(data);
    if (bytes > this.deps.maxFrameBytes) return this.refuse(STREAM_CLOSE_CODES.tooBig, 'frame too large');
    if (isBinary) return this.refuse(STREAM_CLOSE_CODES.unsupportedData, 'binary frames are not supported');
    const parsed = parseInboundFrame(rawText(data));
    if (!parsed.ok) {
      if (parsed.ignored) {
        this.deps.logger.debug({ ...this.logContext, event: parsed.event }, 'unknown media stream event ignored');
        return;
      }
      return this.refuse(STREAM_CLOSE_CODES.invalidPayload, parsed.reason);
    }
    this.dispatch(parsed.frame);
  }

  private dispatch(frame: InboundFrame): void {
    if (frame.event === 'connected') return;
    if (frame.event === 'start') {
      if (this.state !== 'awaiting_start') return this.refuse(STREAM_CLOSE_CODES.protocolViolation, 'unexpected start frame');
      this.state = 'authenticating';
      clearTimeout(this.startTimer);
      void this.begin(frame).catch((error: unknown) => {
        this.deps.logger.error({ ...this.logContext, ...describeError(error) }, 'media stream could not start');
        this.refuse(STREAM_CLOSE_CODES.internalError, 'internal error');
      });
      return;
    }
    if (this.state === 'awaiting_start') {
      if (frame.event === 'stop') return this.close(STREAM_CLOSE_CODES.normal, 'stream stopped');
      return this.refuse(STREAM_CLOSE_CODES.protocolViolation, `${frame.event} before start`);
    }
    if (frame.streamSid !== this.streamSid) return this.refuse(STREAM_CLOSE_CODES.protocolViolation, 'frame for another stream');
    if (this.state === 'authenticating') {
      // Caller audio while the practice is looked up is dropped: the greeting has not started yet.
      if (frame.event === 'media') this.droppedMedia += 1;
      else if (frame.event === 'stop') this.close(STREAM_CLOSE_CODES.normal, 'stream stopped');
      return;
    }
    const call = this.call;
    if (!call) return;
    switch (frame.event) {
      case 'media':
        if (frame.media.track === 'inbound') call.hearCaller(new Uint8Array(Buffer.from(frame.media.payload, 'base64')));
        return;
      case 'mark':
        call.markPlayed(frame.mark.name);
        return;
      case 'dtmf':
        call.keypad(frame.dtmf.digit);
        return;
      case 'stop':
        this.deps.logger.info({ ...this.logContext }, 'media stream stopped by twilio');
        this.close(STREAM_CLOSE_CODES.normal, 'stream stopped');
        return;
    }
  }

  /** `start`: authenticate, find the practice, then start the call. */
  private async begin(frame: StartFrame): Promise<void> {
    const { start } = frame;
    this.streamSid = frame.streamSid;
    this.logContext['callId'] = start.callSid;
    if (start.streamSid !== frame.streamSid) return this.refuse(STREAM_CLOSE_CODES.protocolViolation, 'inconsistent stream sid');
    const params = streamParameters.safeParse(start.customParameters);
    if (!params.success) return this.reject('missing_parameters');
    const { callSid, practiceId, callerNumber, streamToken } = params.data;
    // The token is checked against Twilio's own call sid, so a token from another call is useless here.
    if (callSid !== start.callSid) return this.reject('wrong_call');
    const verdict = this.deps.tokens.verify(streamToken, { callSid: start.callSid, practiceId, callerNumber });
    if (!verdict.ok) return this.reject(verdict.reason);

    const format = start.mediaFormat;
    if (format.encoding !== MULAW.encoding || format.sampleRate !== MULAW.sampleRate || format.channels !== MULAW.channels) {
      return this.refuse(STREAM_CLOSE_CODES.unsupportedMedia, 'unsupported media format');
    }
    if (!this.deps.registry.claim(start.callSid, this)) {
      return this.refuse(STREAM_CLOSE_CODES.duplicateStream, 'the call already has a stream');
    }
    this.callSid = start.callSid;
    const practice = await this.deps.directory.byId(practiceId);
    if (this.state !== 'authenticating') return; // closed while we looked
    if (!practice) {
      this.deps.logger.warn({ ...this.logContext, practiceId }, 'media stream for a practice that no longer exists');
      return this.refuse(STREAM_CLOSE_CODES.practiceNotFound, 'practice not found');
    }
    const conversation = this.deps.conversations.start({
      callId: start.callSid,
      practice,
      channel: 'twilio',
      ...(callerNumber ? { callerNumber } : {}),
    });
    this.call = new VoiceCall(
      {
        conversation,
        recognizer: this.deps.recognizer,
        synthesizer: this.deps.synthesizer,
        callControl: this.deps.callControl,
        logger: this.deps.logger,
        ...(this.deps.playbackClock ? { playbackClock: this.deps.playbackClock } : {}),
      },
      this.transport(frame.streamSid),
      { ...this.deps.voiceCall, callRef: start.callSid },
    );
    this.state = 'streaming';
    this.logContext['practiceId'] = practice.id;
    this.deps.logger.info({ ...this.logContext, droppedMedia: this.droppedMedia }, 'media stream started');
    await this.call.start();
  }

  private transport(streamSid: string): VoiceCallTransport {
    return {
      sendAudio: (frame) => this.send(outboundFrames.media(streamSid, frame)),
      sendMark: (name) => this.send(outboundFrames.mark(streamSid, name)),
      clearAudio: () => this.send(outboundFrames.clear(streamSid)),
      disconnect: (reason) => this.close(STREAM_CLOSE_CODES.normal, reason),
    };
  }

  private send(text: string): void {
    if (this.state === 'streaming' && this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  private reject(reason: string): void {
    this.deps.logger.warn({ ...this.logContext, reason }, 'media stream token rejected');
    this.refuse(STREAM_CLOSE_CODES.unauthorized, 'stream token rejected');
  }

  private refuse(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.deps.logger.warn({ ...this.logContext, closeCode: code, reason }, 'closing media stream');
    this.close(code, reason);
  }

  private close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.startTimer);
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, closeReason(reason));
    }
    void this.onClosed();
  }

  private async onClosed(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.startTimer);
    if (this.cleanedUp) return;
    this.cleanedUp = true;
    if (this.callSid) this.deps.registry.release(this.callSid, this);
    this.deps.registry.closed(this);
    await this.call?.end();
  }
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((total, part) => total + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : data.toString('utf8');
}
