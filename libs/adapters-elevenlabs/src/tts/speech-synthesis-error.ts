/** Why a synthesis failed: an HTTP status from ElevenLabs, or no (timely) answer at all. */
export type SynthesisFailure = number | 'timeout' | 'network' | 'empty_body';

export interface SynthesisErrorContext {
  failure: SynthesisFailure;
  /** ElevenLabs' error code (e.g. invalid_api_key, too_many_concurrent_requests), when it sent one. */
  code?: string;
  voiceId: string;
  modelId: string;
  /** ElevenLabs' request-id header, for their support. */
  requestId?: string;
  characters: number;
}

/** A failed synthesis. The message carries ids, status and codes only, never the text (PHI). */
export class SpeechSynthesisError extends Error {
  override readonly name = 'SpeechSynthesisError';
  readonly status: SynthesisFailure;
  readonly code: string | undefined;
  readonly voiceId: string;
  readonly modelId: string;
  readonly requestId: string | undefined;

  constructor(context: SynthesisErrorContext, options?: { cause?: unknown }) {
    super(describe(context), options);
    this.status = context.failure;
    this.code = context.code;
    this.voiceId = context.voiceId;
    this.modelId = context.modelId;
    this.requestId = context.requestId;
  }

  /** True for failures worth a later retry by the caller (rate limits, ElevenLabs outages, timeouts). */
  get transient(): boolean {
    return this.status === 429 || this.status === 'timeout' || this.status === 'network' || (typeof this.status === 'number' && this.status >= 500);
  }
}

function describe(context: SynthesisErrorContext): string {
  const what = typeof context.failure === 'number' ? `HTTP ${context.failure}` : context.failure;
  const code = context.code ? ` (${context.code})` : '';
  const request = context.requestId ? `, request ${context.requestId}` : '';
  return `ElevenLabs TTS failed: ${what}${code} for voice ${context.voiceId}, model ${context.modelId}, ${context.characters} characters${request}`;
}

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_ERROR_BODY = 8_192;

/**
 * ElevenLabs' machine-readable error code from an error body: `{detail:{status}}` for most errors,
 * `{detail:[{type}]}` for validation errors. Only the code is kept: messages may quote the input text.
 */
export async function errorCodeOf(response: Response): Promise<string | undefined> {
  let text: string;
  try {
    text = (await response.text()).slice(0, MAX_ERROR_BODY);
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const detail = (json as { detail?: unknown } | null)?.detail;
  const candidate = Array.isArray(detail)
    ? (detail[0] as { type?: unknown } | undefined)?.type
    : (detail as { status?: unknown; code?: unknown } | undefined)?.status ?? (detail as { code?: unknown } | undefined)?.code;
  return typeof candidate === 'string' && SAFE_CODE.test(candidate) ? candidate : undefined;
}
