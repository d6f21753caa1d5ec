import { VOICE_AGENT_PATHS } from './paths';

/**
 * Our URLs as Twilio knows them. Behind a TLS-terminating proxy (Fly) the app sees `http://<internal host>`
 * while Twilio signed and calls `https://<public host>`, so every URL is rebuilt on the configured public
 * origin, never from the request's Host or X-Forwarded-* headers.
 */
export class PublicUrls {
  private readonly origin: URL;

  constructor(publicBaseUrl: string) {
    this.origin = new URL(new URL(publicBaseUrl).origin);
  }

  /** The public URL of a request as the app received it (absolute or path + query): what Twilio signed. */
  signedUrlOf(requestUrl: string): string {
    const received = new URL(requestUrl, this.origin);
    return new URL(`${received.pathname}${received.search}`, this.origin).toString();
  }

  /** An https URL on the public origin. */
  http(path: string): string {
    return new URL(path, this.origin).toString();
  }

  /** The Media Streams WebSocket URL: wss on the public host (Twilio accepts only wss). */
  mediaStream(): string {
    const url = new URL(VOICE_AGENT_PATHS.mediaStream, this.origin);
    url.protocol = this.origin.protocol === 'http:' ? 'ws:' : 'wss:';
    return url.toString();
  }
}
