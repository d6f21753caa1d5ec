/** Close codes of the Media Streams socket. 1xxx are RFC 6455; 4xxx are ours. */
export const STREAM_CLOSE_CODES = {
  /** Twilio stopped the stream, or we ended the call. */
  normal: 1000,
  /** Server shutting down. */
  goingAway: 1001,
  /** A binary frame: Twilio sends JSON text only. */
  unsupportedData: 1003,
  /** Not JSON, or a known event with invalid fields. */
  invalidPayload: 1007,
  /** A frame larger than we accept. */
  tooBig: 1009,
  /** We failed, not the peer. */
  internalError: 1011,
  /** Frames out of order: media before start, a second start, another stream's sid. */
  protocolViolation: 4400,
  /** The stream token is missing, malformed, forged, for another call, or expired. */
  unauthorized: 4401,
  /** The practice named by a valid token no longer exists. */
  practiceNotFound: 4404,
  /** No start frame in time. */
  startTimeout: 4408,
  /** The call already has a live stream. */
  duplicateStream: 4409,
  /** Unsupported audio format in start. */
  unsupportedMedia: 4415,
} as const;

/** WebSocket close reasons are limited to 123 bytes. */
export function closeReason(reason: string): string {
  return reason.length <= 120 ? reason : `${reason.slice(0, 117)}...`;
}
