/**
 * WebSocket close codes this adapter uses, and why. Retell reads them: 1000 means a deliberate hangup,
 * 1006 makes it reconnect, anything else ends the call as a runtime error.
 */
export const CLOSE_CODES = {
  /** We hang up on purpose (a refused call, after its goodbye was spoken). */
  normal: 1000,
  /** The server is shutting down. */
  goingAway: 1001,
  /** A binary frame: Retell only speaks JSON text. */
  unsupportedData: 1003,
  /** A text frame that is not JSON, or JSON that does not match the protocol. */
  invalidPayload: 1007,
  /** A frame above the configured size limit. */
  messageTooBig: 1009,
  /** Our own bug while handling a frame: this socket closes, the process and other calls go on. */
  internalError: 1011,
  /** A newer connection for the same call replaced this one (Retell reconnected). */
  replaced: 4001,
  /** The call id in the path and in call_details disagree, or the path's call id is malformed. */
  badCallId: 4400,
} as const;

/** RFC 6455 caps a close reason at 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

/** Shortens a close reason to the protocol limit without cutting a UTF-8 character in half. */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= MAX_CLOSE_REASON_BYTES) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > MAX_CLOSE_REASON_BYTES - 3) break;
    out += char;
    bytes += size;
  }
  return `${out}...`;
}
