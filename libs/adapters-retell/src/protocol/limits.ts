/**
 * Recommended `maxPayload` for the gateway's WebSocketServer. Retell resends the whole transcript, with
 * per-word timestamps, in every update_only and response_required, so frames grow with call length:
 * a one-hour call stays well under 8 MiB, while a server with a small limit drops long calls (1009).
 */
export const RETELL_MAX_FRAME_BYTES = 8 * 1024 * 1024;

/** Retell appends `/{call_id}` to the configured URL; the gateway mounts this handler here. */
export const RETELL_LLM_PATH = '/retell-llm';
