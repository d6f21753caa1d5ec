import { WebSocket } from 'ws';

/** A message we sent to Twilio, decoded. */
export type Outbound =
  | { event: 'media'; streamSid: string; audio: Buffer }
  | { event: 'mark'; streamSid: string; name: string }
  | { event: 'clear'; streamSid: string };

export interface StartOptions {
  callSid: string;
  streamSid?: string;
  accountSid?: string;
  customParameters: Record<string, string>;
  mediaFormat?: { encoding: string; sampleRate: number; channels: number };
}

/**
 * A real WebSocket client playing Twilio's side of a bidirectional Media Stream. Marks it receives are
 * held as "pending playback" until the test plays them (or, with `autoPlay`, echoed at once); a `clear`
 * returns every pending mark, as Twilio does.
 */
export class FakeTwilioStream {
  readonly received: Outbound[] = [];
  readonly pendingMarks: string[] = [];
  autoPlay = false;
  streamSid = 'MZ00000000000000000000000000000001';
  readonly closed: Promise<{ code: number; reason: string }>;
  private sequence = 0;
  private chunk = 0;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    socket.on('message', (data) => this.onMessage(JSON.parse(data.toString()) as Record<string, unknown>));
  }

  static async connect(url: string): Promise<FakeTwilioStream> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new FakeTwilioStream(socket);
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  sendJson(frame: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.socket.send(data, { binary });
  }

  connected(): void {
    this.sendJson({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  }

  /** `connected` then `start`, as Twilio opens a stream. */
  start(options: StartOptions): void {
    if (options.streamSid) this.streamSid = options.streamSid;
    this.connected();
    this.sendJson({
      event: 'start',
      sequenceNumber: this.nextSequence(),
      streamSid: this.streamSid,
      start: {
        accountSid: options.accountSid ?? 'AC0123456789abcdef0123456789abcdef',
        streamSid: this.streamSid,
        callSid: options.callSid,
        tracks: ['inbound'],
        customParameters: options.customParameters,
        mediaFormat: options.mediaFormat ?? { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    });
  }

  media(frame: Uint8Array): void {
    this.chunk += 1;
    this.sendJson({
      event: 'media',
      sequenceNumber: this.nextSequence(),
      streamSid: this.streamSid,
      media: { track: 'inbound', chunk: String(this.chunk), timestamp: String(this.chunk * 20), payload: Buffer.from(frame).toString('base64') },
    });
  }

  dtmf(digit: string): void {
    this.sendJson({ event: 'dtmf', sequenceNumber: this.nextSequence(), streamSid: this.streamSid, dtmf: { track: 'inbound_track', digit } });
  }

  stop(callSid: string): void {
    this.sendJson({
      event: 'stop',
      sequenceNumber: this.nextSequence(),
      streamSid: this.streamSid,
      stop: { accountSid: 'AC0123456789abcdef0123456789abcdef', callSid },
    });
  }

  /** Twilio finished playing the audio up to the oldest pending mark (or `count` of them). */
  play(count = 1): string[] {
    const played = this.pendingMarks.splice(0, count);
    for (const name of played) this.echoMark(name);
    return played;
  }

  /** Plays every pending mark. */
  playAll(): string[] {
    return this.play(this.pendingMarks.length);
  }

  echoMark(name: string): void {
    this.sendJson({ event: 'mark', sequenceNumber: this.nextSequence(), streamSid: this.streamSid, mark: { name } });
  }

  close(): void {
    this.socket.close(1000);
  }

  terminate(): void {
    this.socket.terminate();
  }

  // ---- what we received -------------------------------------------------------------------------

  frames(): Buffer[] {
    return this.received.flatMap((message) => (message.event === 'media' ? [message.audio] : []));
  }

  marks(): string[] {
    return this.received.flatMap((message) => (message.event === 'mark' ? [message.name] : []));
  }

  /** The received messages in order, media frames shown by the clause marker byte they carry. */
  timeline(): string[] {
    return this.received.map((message) =>
      message.event === 'media' ? `audio:${message.audio[0]}` : message.event === 'mark' ? `mark:${message.name}` : 'clear',
    );
  }

  /** Resolves once `predicate` holds for what was received; fails after `timeoutMs`. */
  async until(predicate: () => boolean, description: string, timeoutMs = 5_000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${description}; received ${this.timeline().join(' ')}`));
      }, timeoutMs);
      const check = (): void => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  untilMarks(count: number): Promise<void> {
    return this.until(() => this.marks().length >= count, `${count} marks`);
  }

  private onMessage(message: Record<string, unknown>): void {
    const streamSid = String(message['streamSid']);
    if (message['event'] === 'media') {
      const payload = (message['media'] as { payload: string }).payload;
      this.received.push({ event: 'media', streamSid, audio: Buffer.from(payload, 'base64') });
    } else if (message['event'] === 'mark') {
      const name = (message['mark'] as { name: string }).name;
      this.received.push({ event: 'mark', streamSid, name });
      if (this.autoPlay) this.echoMark(name);
      else this.pendingMarks.push(name);
    } else if (message['event'] === 'clear') {
      this.received.push({ event: 'clear', streamSid });
      // Twilio empties its buffer and returns every mark still pending.
      this.playAll();
    }
    for (const listener of [...this.listeners]) listener();
  }

  private nextSequence(): string {
    this.sequence += 1;
    return String(this.sequence);
  }
}
