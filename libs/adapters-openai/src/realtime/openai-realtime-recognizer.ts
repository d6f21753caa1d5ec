import WebSocket from 'ws';
import type { Logger, RecognitionSession, SpeechRecognizer } from '@crowndesk/domain';
import { endedRecognitionSession } from './ended-session';
import { resolveRealtimeSettings, type OpenAiRealtimeRecognizerOptions, type RealtimeSettings } from './options';
import { OpenAiRealtimeSession } from './realtime-session';
import { realtimeTranscriptionUrl } from './realtime-url';

/**
 * Listens to the caller through an OpenAI Realtime transcription-only session (GA interface): Twilio's
 * mu-law goes in untouched, and the server's VAD turns it into speech-start, interim and final events.
 */
export class OpenAiRealtimeRecognizer implements SpeechRecognizer {
  readonly #settings: RealtimeSettings;
  readonly #url: URL;
  readonly #logger: Logger;

  constructor(options: OpenAiRealtimeRecognizerOptions) {
    const { logger, ...tunables } = options;
    this.#settings = resolveRealtimeSettings(tunables);
    this.#url = realtimeTranscriptionUrl(this.#settings.baseURL);
    this.#logger = logger;
  }

  /**
   * Starts connecting and returns at once, so no caller audio is lost to the handshake. A failure to
   * connect arrives as an `error` event that ends the session's events.
   */
  async open(options: { callId: string; signal: AbortSignal }): Promise<RecognitionSession> {
    const { callId, signal } = options;
    if (signal.aborted) return endedRecognitionSession();
    const socket = new WebSocket(this.#url, {
      headers: { Authorization: `Bearer ${this.#settings.apiKey}` },
      // Base64 audio barely compresses; deflate would only add CPU and latency to every frame.
      perMessageDeflate: false,
    });
    this.#logger.debug({ callId, host: this.#url.host, model: this.#settings.model }, 'openai realtime connecting');
    return new OpenAiRealtimeSession(socket, { callId, signal, settings: this.#settings, logger: this.#logger });
  }
}
