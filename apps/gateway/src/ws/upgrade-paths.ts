/**
 * Which WebSocket endpoint an upgrade request is for. Retell connects to `{llm_websocket_url}/{call_id}`;
 * the bare `/retell-llm` is accepted too (the call id then comes from `call_details`).
 */

export type UpgradeTarget =
  | { endpoint: 'retell'; callId: string | undefined }
  | { endpoint: 'media_stream' }
  | { endpoint: 'none'; status: 400 | 404; reason: string };

export const RETELL_LLM_PATH = '/retell-llm';
/** Twilio Media Streams (`<Connect><Stream>`): served only on the media-stream speech path. */
export const MEDIA_STREAM_PATH = '/voice-agent/media-stream';

/** Retell call ids are opaque tokens; this bounds what we accept into logs and the call log. */
const CALL_ID = /^[A-Za-z0-9_-]{1,128}$/;

export function upgradeTarget(requestUrl: string | undefined, served: { mediaStream?: boolean } = {}): UpgradeTarget {
  let pathname: string;
  try {
    // The base only makes the request target parseable; the query string is ignored.
    pathname = new URL(requestUrl ?? '/', 'http://gateway.invalid').pathname;
  } catch {
    return { endpoint: 'none', status: 400, reason: 'unparseable request target' };
  }
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;

  if (path === RETELL_LLM_PATH) return { endpoint: 'retell', callId: undefined };
  if (served.mediaStream && path === MEDIA_STREAM_PATH) return { endpoint: 'media_stream' };
  if (path.startsWith(`${RETELL_LLM_PATH}/`)) {
    const callId = path.slice(RETELL_LLM_PATH.length + 1);
    if (CALL_ID.test(callId)) return { endpoint: 'retell', callId };
    return { endpoint: 'none', status: 400, reason: 'invalid call id' };
  }
  return { endpoint: 'none', status: 404, reason: 'no such WebSocket endpoint' };
}
