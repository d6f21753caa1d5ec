import WebSocket from 'ws';
import type { Logger, RecognitionEvent, RecognitionSession } from '@crowndesk/domain';
import { AudioBacklog } from './audio-backlog';
import { SESSION_UPDATE_EVENT_ID, audioAppendEvent, sessionUpdateEvent } from './client-events';
import { EventQueue } from './event-queue';
import { MULAW_BYTES_PER_MS, type RealtimeSettings } from './options';
import { parseServerEvent, type ServerError } from './server-events';
import { describeFailure, type SessionFailure } from './session-failure';
import { TranscriptAssembler } from './transcript-assembler';

export interface RealtimeSessionContext {
  callId: string;
  signal: AbortSignal;
  settings: RealtimeSettings;
  logger: Logger;
}

/** Undelivered recognition events at which the socket stops being read until the consumer catches up. */
const EVENT_HIGH_WATER_MARK = 256;
/** How long close() waits for the server's close frame before dropping the connection. */
const CLOSE_GRACE_MS = 2_000;
/** Server error codes after which the session cannot go on. */
const FATAL_ERROR_CODES: ReadonlySet<string> = new Set(['session_expired']);

/**
 * One call's transcription over an OpenAI realtime WebSocket. Usable at once: caller audio sent while the
 * socket connects is held (bounded) and streamed right after the session is configured.
 */
export class OpenAiRealtimeSession implements RecognitionSession {
  readonly events: AsyncIterable<RecognitionEvent>;
  readonly #queue: EventQueue<RecognitionEvent>;
  readonly #socket: WebSocket;
  readonly #context: RealtimeSessionContext;
  readonly #backlog: AudioBacklog;
  readonly #transcripts = new TranscriptAssembler();
  readonly #socketClosed: Promise<void>;
  readonly #startedAt = performance.now();
  readonly #onAbort = () => void this.close();
  #connectTimer: NodeJS.Timeout | undefined;
  #closeTimer: NodeJS.Timeout | undefined;
  #streaming = false;
  #failure: SessionFailure | undefined;
  #warnedBacklogFull = false;
  #audioBytesSent = 0;
  #utterances = 0;

  constructor(socket: WebSocket, context: RealtimeSessionContext) {
    this.#socket = socket;
    this.#context = context;
    this.#backlog = new AudioBacklog(context.settings.maxBufferedAudioMs * MULAW_BYTES_PER_MS);
    this.#queue = new EventQueue<RecognitionEvent>({
      highWaterMark: EVENT_HIGH_WATER_MARK,
      onPressure: (paused) => this.#onPressure(paused),
    });
    this.events = this.#queue;

    let socketClosed!: () => void;
    this.#socketClosed = new Promise((resolve) => (socketClosed = resolve));
    socket.on('open', () => this.#onOpen());
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('unexpected-response', (_request, response) => {
      this.#failure ??= { kind: 'handshake_refused', status: response.statusCode ?? 0 };
      socket.terminate();
    });
    socket.on('error', (error: Error & { code?: string }) => {
      // After our own teardown the error is expected; after a timeout or refusal it is already explained.
      if (this.#queue.closed || this.#failure !== undefined) return;
      this.#failure = { kind: 'socket_error', code: error.code ?? 'unknown' };
    });
    socket.on('close', (code) => {
      clearTimeout(this.#connectTimer);
      clearTimeout(this.#closeTimer);
      this.#finish(this.#failure ?? (code === 1000 ? undefined : { kind: 'connection_lost', closeCode: code }));
      socketClosed();
    });

    const { connectTimeoutMs } = context.settings;
    this.#connectTimer = setTimeout(() => {
      this.#failure ??= { kind: 'connect_timeout', timeoutMs: connectTimeoutMs };
      socket.terminate();
    }, connectTimeoutMs);
    context.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  sendAudio(audio: Uint8Array): void {
    if (audio.byteLength === 0 || this.#queue.closed) return;
    if (this.#streaming) {
      this.#send(audio);
      return;
    }
    const dropped = this.#backlog.push(audio);
    if (dropped > 0 && !this.#warnedBacklogFull) {
      this.#warnedBacklogFull = true;
      this.#context.logger.warn(
        { callId: this.#context.callId, maxBufferedAudioMs: this.#context.settings.maxBufferedAudioMs },
        'openai realtime still connecting: dropping the oldest caller audio',
      );
    }
  }

  /** Ends the events at once (undelivered ones are dropped) and closes the socket normally. */
  async close(): Promise<void> {
    this.#finish(undefined, { local: true });
    switch (this.#socket.readyState) {
      case WebSocket.CONNECTING:
        this.#socket.terminate();
        break;
      case WebSocket.OPEN:
        this.#socket.close(1000);
        this.#closeTimer = setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS);
        break;
      // CLOSING: a close handshake is already under way, bounded by ws itself.
    }
    await this.#socketClosed;
  }

  /** The consumer lags: stop reading the socket (TCP pushes back on the server) until it catches up. */
  #onPressure(paused: boolean): void {
    const fields = { callId: this.#context.callId, queuedEvents: EVENT_HIGH_WATER_MARK };
    if (paused) {
      this.#socket.pause();
      this.#context.logger.warn(fields, 'openai realtime events are not being read: socket paused');
    } else {
      this.#socket.resume();
      this.#context.logger.debug({ callId: this.#context.callId }, 'openai realtime socket resumed');
    }
  }

  #onOpen(): void {
    clearTimeout(this.#connectTimer);
    if (this.#queue.closed) return;
    this.#socket.send(sessionUpdateEvent(this.#context.settings));
    const held = this.#backlog.drain();
    for (const chunk of held) this.#send(chunk);
    this.#streaming = true;
    this.#context.logger.info(
      {
        callId: this.#context.callId,
        connectMs: this.#elapsedMs(),
        heldAudioChunks: held.length,
        droppedAudioBytes: this.#backlog.droppedBytes,
      },
      'openai realtime transcription connected',
    );
  }

  #send(audio: Uint8Array): void {
    // Between the server's close frame and the close event the socket is CLOSING: that audio has no taker.
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    this.#socket.send(audioAppendEvent(audio));
    this.#audioBytesSent += audio.byteLength;
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#queue.closed) return;
    const { callId, logger } = this.#context;
    if (isBinary) {
      logger.warn({ callId }, 'openai realtime sent a binary frame: ignored');
      return;
    }
    const event = parseServerEvent(rawText(data));
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        this.#queue.push({ type: 'speech_started' });
        return;
      case 'conversation.item.input_audio_transcription.delta': {
        const text = this.#transcripts.append(event.item_id, event.delta);
        if (text !== undefined) this.#queue.push({ type: 'partial', text });
        return;
      }
      case 'conversation.item.input_audio_transcription.completed': {
        const text = this.#transcripts.complete(event.item_id, event.transcript);
        if (text === undefined) return;
        this.#utterances += 1;
        this.#queue.push({ type: 'final', text });
        return;
      }
      case 'conversation.item.input_audio_transcription.failed':
        this.#transcripts.discard(event.item_id);
        logger.warn(
          { callId, itemId: event.item_id, code: event.error.code, errorType: event.error.type },
          'openai realtime could not transcribe an utterance',
        );
        return;
      case 'error':
        this.#onServerError(event.error);
        return;
      case 'unhandled':
        logger.debug({ callId, event: event.name }, 'openai realtime event');
        return;
      case 'malformed':
        logger.warn({ callId, event: event.name }, 'openai realtime sent a malformed event: ignored');
        return;
    }
  }

  #onServerError(error: ServerError): void {
    const code = error.code ?? error.type ?? 'unknown';
    // A refused session.update leaves the session unconfigured: nothing useful can come of it.
    const fatal = error.event_id === SESSION_UPDATE_EVENT_ID || FATAL_ERROR_CODES.has(code);
    const fields = { callId: this.#context.callId, code, errorType: error.type, param: error.param, fatal };
    if (!fatal) {
      this.#context.logger.warn(fields, 'openai realtime reported an error');
      return;
    }
    this.#failure = { kind: 'server_error', code };
    this.#finish(this.#failure);
    if (this.#socket.readyState === WebSocket.OPEN) {
      this.#socket.close(1000);
      this.#closeTimer = setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS);
    }
  }

  /** Ends the events once: after an error event on failure, dropping undelivered ones on a local close. */
  #finish(failure: SessionFailure | undefined, options: { local?: boolean } = {}): void {
    if (this.#queue.closed) return;
    clearTimeout(this.#connectTimer);
    this.#context.signal.removeEventListener('abort', this.#onAbort);
    if (failure !== undefined) this.#queue.push({ type: 'error', message: describeFailure(failure) });
    this.#queue.close({ discardPending: options.local === true });

    const fields = {
      callId: this.#context.callId,
      durationMs: this.#elapsedMs(),
      audioBytesSent: this.#audioBytesSent,
      utterances: this.#utterances,
      droppedAudioBytes: this.#backlog.droppedBytes,
    };
    if (failure === undefined) {
      this.#context.logger.info({ ...fields, endedBy: options.local ? 'us' : 'server' }, 'openai realtime session ended');
    } else {
      this.#context.logger.warn({ ...fields, ...failure }, 'openai realtime session failed');
    }
  }

  #elapsedMs(): number {
    return Math.round(performance.now() - this.#startedAt);
  }
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
