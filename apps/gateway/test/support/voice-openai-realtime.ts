import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/**
 * A loopback stand-in for OpenAI's Realtime transcription endpoint (GA protocol): the gateway's
 * OpenAiRealtimeRecognizer connects to `<OPENAI_BASE_URL>/realtime?intent=transcription` with its bearer key,
 * sends `session.update` and then `input_audio_buffer.append` frames. Each session keeps the caller audio it
 * received, and speaks for the server VAD and the transcription model on cue (`utter`).
 */

export const REALTIME_API_KEY = 'sk-realtime-stand-in-key';

/** `keep`: decode and keep every append; `count`: only count them. */
type AudioHandling = 'keep' | 'count';
const APPEND_PREFIX = '{"type":"input_audio_buffer.append"';

export class RealtimeTranscriptionSession {
  /** The `session.update` the recognizer configured the session with. */
  sessionUpdate: Record<string, unknown> | undefined;
  /** Every audio chunk appended, decoded from base64, in order (unless the stand-in only counts appends). */
  readonly audio: Buffer[] = [];
  /** Called on each append as it arrives. */
  onAudio: (() => void) | undefined;
  private audioTotal = 0;
  /** performance.now() when the last completed transcript was sent. */
  lastFinalSentAt = 0;
  private items = 0;
  private readonly audioWaiters: { bytes: number; resolve: () => void }[] = [];

  constructor(
    private readonly socket: WebSocket,
    private readonly audioHandling: AudioHandling,
  ) {
    socket.on('message', (data: RawData) => {
      const text = data.toString();
      // Counting appends without reading them keeps a benchmark's client side cheap.
      if (this.audioHandling === 'count' && text.startsWith(APPEND_PREFIX)) this.onAudio?.();
      else this.onMessage(JSON.parse(text) as Record<string, unknown>);
    });
    this.send({ type: 'session.created', session: { type: 'transcription' } });
  }

  get audioBytes(): number {
    return this.audioTotal;
  }

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  /** Resolves once at least `bytes` of caller audio have been appended. */
  heardAudio(bytes: number): Promise<void> {
    if (this.audioBytes >= bytes) return Promise.resolve();
    return new Promise((resolve) => this.audioWaiters.push({ bytes, resolve }));
  }

  /** The server VAD detected the caller starting to speak. */
  speechStarted(): string {
    const itemId = `item_${++this.items}`;
    this.send({ type: 'input_audio_buffer.speech_started', item_id: itemId, audio_start_ms: 0 });
    return itemId;
  }

  /** A whole caller utterance: speech started and stopped, an interim delta, then the final transcript. */
  utter(text: string): void {
    const itemId = this.speechStarted();
    this.send({ type: 'input_audio_buffer.speech_stopped', item_id: itemId, audio_end_ms: 800 });
    this.send({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: null });
    this.send({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta: text.slice(0, 8) });
    this.final(itemId, text);
  }

  /** Only the final transcript of an utterance whose start was already announced. */
  final(itemId: string, text: string): void {
    this.lastFinalSentAt = performance.now();
    this.send({ type: 'conversation.item.input_audio_transcription.completed', item_id: itemId, content_index: 0, transcript: text });
  }

  private onMessage(event: Record<string, unknown>): void {
    if (event['type'] === 'session.update') {
      this.sessionUpdate = event;
      this.send({ type: 'session.updated', session: event['session'] });
      return;
    }
    if (event['type'] === 'input_audio_buffer.append' && typeof event['audio'] === 'string') {
      const chunk = Buffer.from(event['audio'], 'base64');
      this.audio.push(chunk);
      this.audioTotal += chunk.length;
      this.onAudio?.();
      const total = this.audioTotal;
      for (const waiter of this.audioWaiters.filter((candidate) => candidate.bytes <= total)) {
        this.audioWaiters.splice(this.audioWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private send(event: Record<string, unknown>): void {
    if (this.isOpen) this.socket.send(JSON.stringify(event));
  }
}

export class OpenAiRealtimeStandIn {
  readonly sessions: RealtimeTranscriptionSession[] = [];
  private taken = 0;
  private readonly sessionWaiters: ((session: RealtimeTranscriptionSession) => void)[] = [];
  private readonly webSockets = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  private constructor(
    private readonly server: Server,
    audioHandling: AudioHandling,
  ) {
    server.on('upgrade', (request: IncomingMessage, socket, head) => {
      if (!this.authorized(request)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.webSockets.handleUpgrade(request, socket, head, (webSocket) => {
        const session = new RealtimeTranscriptionSession(webSocket, audioHandling);
        this.sessions.push(session);
        this.sessionWaiters.shift()?.(session);
      });
    });
  }

  /** `audio: 'count'` only counts appends, without decoding them (benchmarks). */
  static async start(options: { audio?: AudioHandling } = {}): Promise<OpenAiRealtimeStandIn> {
    const server = createServer((_request, response) => response.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new OpenAiRealtimeStandIn(server, options.audio ?? 'keep');
  }

  /** What OPENAI_BASE_URL is set to. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** The next session to connect (or the one that connected and was not taken yet). */
  nextSession(): Promise<RealtimeTranscriptionSession> {
    const taken = this.taken;
    const waiting = this.sessions[taken];
    this.taken += 1;
    if (waiting) return Promise.resolve(waiting);
    return new Promise((resolve) => this.sessionWaiters.push(resolve));
  }

  async close(): Promise<void> {
    for (const client of this.webSockets.clients) client.terminate();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorized(request: IncomingMessage): boolean {
    const url = new URL(request.url ?? '/', 'http://stand-in.invalid');
    return (
      url.pathname === '/v1/realtime' &&
      url.searchParams.get('intent') === 'transcription' &&
      request.headers.authorization === `Bearer ${REALTIME_API_KEY}`
    );
  }
}
