import type { PlaybackClock, VoiceCallOptions } from '@crowndesk/domain';
import { FakePracticeDirectory, minimalPractice, RecordingLogger, ScriptedConversationFactory, WebSocketUpgradeHost } from '@crowndesk/testing';
import {
  MEDIA_STREAM_MAX_FRAME_BYTES,
  MediaStreamHandler,
  StreamTokens,
  TwilioCallControl,
  VOICE_AGENT_PATHS,
  type MediaStreamHandlerDeps,
} from '../../src';
import { FakeTwilioStream } from './fake-twilio-stream';
import { CALLER_NUMBER } from './phone-numbers';
import { InstantSynthesizer, ScriptedRecognizer } from './speech-doubles';
import { ACCOUNT_SID, AUTH_TOKEN, CALL_SID } from './twilio-rest';

export const STREAM_SECRET = 'stream-token-secret-0123456789abcdef';
export const PRACTICE_ID = 'practice-bright';

export interface HarnessOptions {
  voiceCall?: Omit<VoiceCallOptions, 'callRef'>;
  playbackClock?: PlaybackClock;
  handler?: Partial<Pick<MediaStreamHandlerDeps, 'startTimeoutMs' | 'maxFrameBytes'>>;
}

/**
 * A real HTTP server on an ephemeral loopback port that routes the media stream upgrade the way the
 * gateway does, the handler under test behind it, doubles of the speech and conversation ports, and
 * the real TwilioCallControl (its REST calls go to msw).
 */
export class MediaHarness {
  readonly logger = new RecordingLogger();
  readonly directory = new FakePracticeDirectory().add(minimalPractice(PRACTICE_ID));
  readonly conversations = new ScriptedConversationFactory();
  readonly recognizer = new ScriptedRecognizer();
  readonly synthesizer = new InstantSynthesizer();
  readonly handler: MediaStreamHandler;
  now = Date.parse('2026-01-05T15:00:00.000Z');
  readonly tokens = new StreamTokens(STREAM_SECRET, 120, () => this.now);
  private readonly host = new WebSocketUpgradeHost(
    (pathname) => (pathname === VOICE_AGENT_PATHS.mediaStream ? (ws) => this.handler.accept(ws) : undefined),
    { maxPayload: MEDIA_STREAM_MAX_FRAME_BYTES * 2 },
  );
  private readonly clients: FakeTwilioStream[] = [];
  private baseUrl = '';

  constructor(options: HarnessOptions = {}) {
    this.handler = new MediaStreamHandler({
      directory: this.directory,
      conversations: this.conversations,
      recognizer: this.recognizer,
      synthesizer: this.synthesizer,
      callControl: new TwilioCallControl({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, logger: this.logger }),
      logger: this.logger,
      streamTokenSecret: STREAM_SECRET,
      now: () => this.now,
      voiceCall: { silenceReminderMs: 0, ...options.voiceCall },
      ...(options.playbackClock ? { playbackClock: options.playbackClock } : {}),
      ...options.handler,
    });
  }

  async start(): Promise<this> {
    this.baseUrl = await this.host.start();
    return this;
  }

  async connect(): Promise<FakeTwilioStream> {
    const client = await FakeTwilioStream.connect(`${this.baseUrl}${VOICE_AGENT_PATHS.mediaStream}`);
    this.clients.push(client);
    return client;
  }

  /** The `<Parameter>`s our incoming-call webhook would have put on this call's stream. */
  parametersFor(callSid = CALL_SID, overrides: Record<string, string> = {}): Record<string, string> {
    const claims = { callSid, practiceId: PRACTICE_ID, callerNumber: CALLER_NUMBER };
    return { ...claims, streamToken: this.tokens.issue(claims), ...overrides };
  }

  /** Connects and starts an authenticated stream for the call; resolves once the recognizer is open. */
  async startCall(callSid = CALL_SID, streamSid?: string): Promise<FakeTwilioStream> {
    const stream = await this.connect();
    const index = this.recognizer.sessions.length;
    stream.start({ callSid, customParameters: this.parametersFor(callSid), ...(streamSid ? { streamSid } : {}) });
    await this.recognizer.session(index);
    return stream;
  }

  async stop(): Promise<void> {
    await this.handler.drain();
    for (const client of this.clients) client.terminate();
    await this.host.close();
  }
}

/** Waits until `predicate` holds, polling; for state that is not visible on the socket. */
export async function eventually(predicate: () => boolean, description: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
