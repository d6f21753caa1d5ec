import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MULAW_FRAME_BYTES, toneFrames } from '@crowndesk/testing';

/**
 * A loopback stand-in for ElevenLabs' streaming TTS: `POST /v1/text-to-speech/{voice_id}/stream
 * ?output_format=ulaw_8000` answers raw mu-law bytes (no container header) in chunks that do not line up
 * with 20 ms frames, so the gateway's framing is exercised. Every request is recorded.
 */

export const TTS_API_KEY = 'elevenlabs-stand-in-key';
export const TTS_VOICE_ID = 'voice_stand_in_01';

export interface SynthesisRequest {
  voiceId: string;
  outputFormat: string | null;
  apiKey: string | undefined;
  contentType: string | undefined;
  body: { text: string; model_id: string; voice_settings: { stability: number; similarity_boost: number } };
}

export interface TtsStandInOptions {
  /** Audio per clause, in bytes; deliberately not a whole number of frames. Default: about 50 ms per 10 characters. */
  audioBytes?: (text: string) => number;
  /** Bytes per HTTP chunk. Default 100. */
  chunkBytes?: number;
}

export class ElevenLabsTtsStandIn {
  readonly requests: SynthesisRequest[] = [];

  private constructor(
    private readonly server: Server,
    private readonly options: Required<TtsStandInOptions>,
  ) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void this.answer(request, response));
  }

  static async start(options: TtsStandInOptions = {}): Promise<ElevenLabsTtsStandIn> {
    const server = createServer();
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ElevenLabsTtsStandIn(server, {
      audioBytes: options.audioBytes ?? ((text) => Math.max(1, Math.ceil(text.length / 10)) * 2 * MULAW_FRAME_BYTES - 37),
      chunkBytes: options.chunkBytes ?? 100,
    });
  }

  /** What ELEVENLABS_BASE_URL is set to. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The clauses spoken so far, in order. */
  texts(): string[] {
    return this.requests.map((request) => request.body.text);
  }

  /** The exact audio this stand-in answers for a clause. */
  audioFor(text: string): Buffer {
    return toneBytes(this.options.audioBytes(text), 200 + (text.length % 40) * 10);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in.invalid');
    const match = /^\/v1\/text-to-speech\/([^/]+)\/stream$/.exec(url.pathname);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || !match) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":{"status":"not_found"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SynthesisRequest['body'];
    const apiKey = request.headers['xi-api-key'];
    this.requests.push({
      voiceId: decodeURIComponent(match[1] ?? ''),
      outputFormat: url.searchParams.get('output_format'),
      apiKey: typeof apiKey === 'string' ? apiKey : undefined,
      contentType: request.headers['content-type'],
      body,
    });
    if (apiKey !== TTS_API_KEY) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":{"status":"invalid_api_key"}}');
      return;
    }
    const audio = this.audioFor(body.text);
    response.writeHead(200, { 'content-type': 'audio/basic', 'request-id': `req_${this.requests.length}` });
    for (let offset = 0; offset < audio.length; offset += this.options.chunkBytes) {
      response.write(audio.subarray(offset, offset + this.options.chunkBytes));
    }
    response.end();
  }
}

/** `bytes` bytes of a continuous mu-law sine tone at `hz`: whole 20 ms frames, the last one cut short. */
function toneBytes(bytes: number, hz: number): Buffer {
  return Buffer.concat(toneFrames(Math.ceil(bytes / MULAW_FRAME_BYTES), hz)).subarray(0, bytes);
}
