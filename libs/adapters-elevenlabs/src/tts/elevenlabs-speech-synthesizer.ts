import type { Logger, SpeechSynthesizer } from '@crowndesk/domain';
import { ABORTED, GuardedExchange } from './guarded-exchange';
import { HeaderlessMuLaw } from './headerless-mulaw';
import { errorCodeOf, SpeechSynthesisError } from './speech-synthesis-error';
import type { SynthesisFailure } from './speech-synthesis-error';
import type { ElevenLabsSpeechSynthesizerOptions, SynthesizerConfig } from './synthesizer-options';
import { synthesizerOptionsSchema } from './synthesizer-options';
import { ttsRequest } from './tts-request';

/**
 * Speaks through ElevenLabs' HTTP streaming TTS, as mu-law 8 kHz that Twilio plays untouched.
 * Audio is yielded chunk by chunk as ElevenLabs sends it, so the caller hears the first syllable while the
 * rest is still being generated. An aborted signal ends the stream quietly (barge-in is not an error).
 * Failures throw a SpeechSynthesisError once, with no retry: the conversation decides what to do next.
 */
export class ElevenLabsSpeechSynthesizer implements SpeechSynthesizer {
  private readonly config: SynthesizerConfig;
  private readonly logger: Logger;

  constructor(options: ElevenLabsSpeechSynthesizerOptions) {
    this.config = synthesizerOptionsSchema.parse(options);
    this.logger = this.config.logger;
  }

  async *synthesize(text: string, options: { signal: AbortSignal }): AsyncIterable<Uint8Array> {
    const { signal } = options;
    if (signal.aborted || text.trim() === '') return;
    const context = { voiceId: this.config.voiceId, modelId: this.config.modelId, characters: text.length };
    const startedAt = performance.now();
    const exchange = new GuardedExchange(signal, this.config.timeoutMs);
    const audio = new HeaderlessMuLaw();
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let finished = false;
    let bytes = 0;
    let chunks = 0;
    let firstAudioMs: number | undefined;

    const fail = (failure: SynthesisFailure, extra: { code?: string; requestId?: string; cause?: unknown } = {}) => {
      const error = new SpeechSynthesisError(
        { failure, ...context, code: extra.code, requestId: extra.requestId },
        extra.cause === undefined ? undefined : { cause: extra.cause },
      );
      this.logger.warn({ ...context, status: failure, code: extra.code, requestId: extra.requestId }, 'elevenlabs tts failed');
      return error;
    };
    // The exchange ended early: a timeout is a failure, the caller's abort (barge-in) is not.
    const endEarly = (): void => {
      if (exchange.timedOut) throw fail('timeout');
      this.logger.debug({ ...context, bytes, chunks }, 'elevenlabs tts aborted');
    };

    try {
      this.logger.debug(context, 'elevenlabs tts started');
      const request = ttsRequest(this.config, text, exchange.signal);
      let response: Response | typeof ABORTED;
      try {
        response = await exchange.step(fetch(request.url, request.init));
      } catch (cause) {
        throw fail('network', { cause });
      }
      if (response === ABORTED) {
        endEarly();
        return;
      }
      const requestId = response.headers.get('request-id') ?? undefined;
      if (!response.ok) {
        const code = await exchange.step(errorCodeOf(response));
        throw fail(response.status, { code: code === ABORTED ? undefined : code, requestId });
      }
      if (!response.body) throw fail('empty_body', { requestId });

      reader = response.body.getReader();
      for (;;) {
        let next: Awaited<ReturnType<typeof reader.read>> | typeof ABORTED;
        try {
          next = await exchange.step(reader.read());
        } catch (cause) {
          throw fail('network', { cause, requestId });
        }
        if (next === ABORTED) {
          endEarly();
          return;
        }
        if (next.done) break;
        for (const chunk of audio.push(next.value)) {
          if (signal.aborted) return;
          firstAudioMs ??= Math.round(performance.now() - startedAt);
          bytes += chunk.length;
          chunks += 1;
          yield chunk;
        }
      }
      finished = true;
      for (const chunk of audio.end()) {
        if (signal.aborted) return;
        bytes += chunk.length;
        chunks += 1;
        yield chunk;
      }
      this.logger.debug(
        { ...context, requestId, bytes, chunks, firstAudioMs, totalMs: Math.round(performance.now() - startedAt) },
        'elevenlabs tts finished',
      );
    } finally {
      // Stopped early (abort, failure, or the consumer broke off): release the connection at once.
      if (reader && !finished) void reader.cancel().catch(() => {});
      exchange.dispose();
    }
  }
}
