import { performance } from 'node:perf_hooks';
import twilio from 'twilio';
import WebSocket, { type RawData } from 'ws';
import { MULAW_FRAME_BYTES } from '@crowndesk/testing';

/** Twilio's side of a phone call to the gateway: the signed incoming-call webhook, then the Media Stream. */

export const TWILIO_AUTH_TOKEN = 'twilio-auth-token-stand-in';
export const TWILIO_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const CALLER_NUMBER = '+15555550142';

/** Form-posts a Twilio webhook signed for `publicUrl`, the URL Twilio believes it requested. */
export async function postTwilioWebhook(
  requestUrl: string,
  publicUrl: string,
  params: Record<string, string>,
  options: { authToken?: string; signature?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; contentType: string | null; body: string }> {
  const signature = options.signature ?? twilio.getExpectedTwilioSignature(options.authToken ?? TWILIO_AUTH_TOKEN, publicUrl, params);
  const response = await fetch(requestUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, ...options.headers },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

export function incomingCallParams(callSid: string, to: string, from = CALLER_NUMBER): Record<string, string> {
  return {
    CallSid: callSid,
    AccountSid: TWILIO_ACCOUNT_SID,
    From: from,
    To: to,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  };
}

/** A 34-character Twilio call sid whose tail is `n` in hex. */
export function callSidFor(n: number): string {
  return `CA${n.toString(16).padStart(32, '0')}`;
}

/** The `<Connect><Stream>` of an incoming-call answer: where to connect, with which parameters. */
export function streamOf(twiml: string): { url: string; parameters: Record<string, string> } {
  const url = /<Stream url="([^"]+)"/.exec(twiml)?.[1];
  if (!url) throw new Error('the TwiML connects no stream');
  const parameters: Record<string, string> = {};
  for (const match of twiml.matchAll(/<Parameter name="([^"]+)" value="([^"]*)"\/>/g)) parameters[match[1]!] = unescapeXml(match[2]!);
  return { url: unescapeXml(url), parameters };
}

function unescapeXml(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

type Frame = Record<string, unknown>;

/** One inbound `media` message, exactly as Twilio sends 20 ms of caller audio. */
export function mediaMessage(streamSid: string, sequence: number, chunk: number, audio: Uint8Array): string {
  return JSON.stringify({
    event: 'media',
    sequenceNumber: String(sequence),
    streamSid,
    media: { track: 'inbound', chunk: String(chunk), timestamp: String(chunk * 20), payload: Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64') },
  });
}

/** What we were sent, in order: audio frames (by index into `audioFrames`), marks and clears. */
export type StreamEvent = { kind: 'media'; frame: number } | { kind: 'mark'; name: string } | { kind: 'clear' };

/**
 * A real WebSocket client speaking Twilio's bidirectional Media Streams protocol. Audio we are sent is
 * decoded and kept; marks are held as "still playing" until `playAll` (or at once with `autoPlay`), and a
 * `clear` drops the audio queued and returns every pending mark, as Twilio does.
 */
export class TwilioMediaStream {
  readonly audioFrames: Buffer[] = [];
  readonly timeline: StreamEvent[] = [];
  readonly marksReceived: string[] = [];
  readonly marksPlayed: string[] = [];
  readonly pendingMarks: string[] = [];
  clears = 0;
  autoPlay = false;
  /** Anything we were sent that Twilio would not accept (a frame that is not 160 bytes, an unknown event). */
  readonly violations: string[] = [];
  /** performance.now() of the first audio frame after `expectAudio()`. */
  firstAudioAt: number | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;
  private sequence = 0;
  private chunk = 0;
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly socket: WebSocket,
    readonly streamSid: string,
    readonly callSid: string,
  ) {
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.notify();
      }),
    );
    socket.on('message', (data: RawData) => this.onMessage(performance.now(), JSON.parse(data.toString()) as Frame));
  }

  /** Connects to the stream URL (rebased on the local gateway) and sends `connected` and `start`. */
  static async connect(
    localWsBase: string,
    stream: { url: string; parameters: Record<string, string> },
    options: { callSid: string; streamSid?: string; accountSid?: string },
  ): Promise<TwilioMediaStream> {
    const path = new URL(stream.url).pathname;
    const socket = new WebSocket(`${localWsBase}${path}`, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_request, response) => reject(new Error(`media stream upgrade refused: HTTP ${response.statusCode}`)));
    });
    const streamSid = options.streamSid ?? `MZ${options.callSid.slice(2)}`;
    const media = new TwilioMediaStream(socket, streamSid, options.callSid);
    media.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    media.send({
      event: 'start',
      sequenceNumber: media.nextSequence(),
      streamSid,
      start: {
        accountSid: options.accountSid ?? TWILIO_ACCOUNT_SID,
        streamSid,
        callSid: options.callSid,
        tracks: ['inbound'],
        customParameters: stream.parameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
    return media;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Caller audio: each frame goes out as one inbound `media` message. */
  speak(frames: readonly Uint8Array[]): void {
    for (const frame of frames) {
      this.sequence += 1;
      this.chunk += 1;
      if (this.isOpen) this.socket.send(mediaMessage(this.streamSid, this.sequence, this.chunk, frame));
    }
  }

  /** A message prepared beforehand (e.g. the same media message again and again, in a benchmark). */
  sendPrepared(message: string): void {
    if (this.isOpen) this.socket.send(message);
  }

  dtmf(digit: string): void {
    this.send({ event: 'dtmf', sequenceNumber: this.nextSequence(), streamSid: this.streamSid, dtmf: { track: 'inbound_track', digit } });
  }

  /** Everything queued has played: its marks go back. */
  playAll(): void {
    for (const name of this.pendingMarks.splice(0)) this.echoMark(name);
  }

  /** The call ended (hang-up, or Twilio moved it): Twilio stops the stream. */
  stop(): void {
    this.send({
      event: 'stop',
      sequenceNumber: this.nextSequence(),
      streamSid: this.streamSid,
      stop: { accountSid: TWILIO_ACCOUNT_SID, callSid: this.callSid },
    });
  }

  /** Starts timing: `firstAudioAt` is set by the next audio frame. */
  expectAudio(): void {
    this.firstAudioAt = undefined;
  }

  /** Resolves once the condition holds: checked on every message we are sent, and every 10 ms. */
  until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const poll = setInterval(check, 10);
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearInterval(poll);
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  private onMessage(at: number, frame: Frame): void {
    switch (frame['event']) {
      case 'media': {
        const payload = (frame['media'] as { payload: string }).payload;
        const audio = Buffer.from(payload, 'base64');
        if (audio.length !== MULAW_FRAME_BYTES) this.violations.push(`a media frame of ${audio.length} bytes`);
        this.firstAudioAt ??= at;
        this.timeline.push({ kind: 'media', frame: this.audioFrames.length });
        this.audioFrames.push(audio);
        break;
      }
      case 'mark': {
        const name = (frame['mark'] as { name: string }).name;
        this.marksReceived.push(name);
        this.timeline.push({ kind: 'mark', name });
        if (this.autoPlay) this.echoMark(name);
        else this.pendingMarks.push(name);
        break;
      }
      case 'clear':
        this.clears += 1;
        this.timeline.push({ kind: 'clear' });
        this.playAll();
        break;
      default:
        this.violations.push(`an unexpected event ${String(frame['event'])}`);
    }
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private echoMark(name: string): void {
    this.marksPlayed.push(name);
    this.send({ event: 'mark', sequenceNumber: this.nextSequence(), streamSid: this.streamSid, mark: { name } });
  }

  private send(frame: Frame): void {
    if (this.isOpen) this.socket.send(JSON.stringify(frame));
  }

  private nextSequence(): string {
    this.sequence += 1;
    return String(this.sequence);
  }
}
