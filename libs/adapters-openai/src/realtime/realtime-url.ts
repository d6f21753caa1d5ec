const WEBSOCKET_SCHEME: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };

/**
 * The transcription endpoint under an OpenAI API base URL: `<base>/realtime?intent=transcription`.
 * An http(s) base (the usual OPENAI_BASE_URL) becomes ws(s); the base's path and query are kept, so a
 * gateway or proxy in front of the API works unchanged.
 */
export function realtimeTranscriptionUrl(baseURL: string): URL {
  const url = new URL(baseURL);
  const scheme = WEBSOCKET_SCHEME[url.protocol];
  if (scheme === undefined) {
    throw new Error(`OpenAI realtime base URL must be http(s) or ws(s), got ${url.protocol}`);
  }
  url.protocol = scheme;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/realtime`;
  url.searchParams.set('intent', 'transcription');
  url.hash = '';
  return url;
}
