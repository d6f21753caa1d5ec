/** Where the gateway mounts the receiver (POST only, raw body). */
export const RETELL_WEBHOOK_PATH = '/api/retell/webhook';

/**
 * Largest webhook body accepted. `call_ended` and `call_analyzed` carry the whole transcript, with per-word
 * timings in `transcript_object` and again in `transcript_with_tool_calls`: at roughly 100 bytes per spoken
 * word (our estimate), an hour-long call is about 1 MB. 4 MiB keeps even long calls while bounding what anyone
 * can make us buffer and hash. Give the gateway's raw-body parser the same limit.
 */
export const RETELL_WEBHOOK_MAX_BODY_BYTES = 4 * 1024 * 1024;
