import { RETELL_LLM_PATH } from './limits';

/** Retell call ids are opaque tokens such as "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6". */
const CALL_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export function isValidCallId(callId: string): boolean {
  return CALL_ID_PATTERN.test(callId);
}

export interface RetellPathMatch {
  /** The call id Retell appended to the URL; undefined when the bare base path was used. */
  callId: string | undefined;
}

/**
 * Matches `{base}` and `{base}/{call_id}` (a trailing slash is tolerated, as Retell normalises it).
 * Returns null for any other path or a malformed call id, so the gateway can refuse the upgrade.
 */
export function matchRetellPath(pathname: string, basePath: string = RETELL_LLM_PATH): RetellPathMatch | null {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (trimmed === basePath) return { callId: undefined };
  if (!trimmed.startsWith(`${basePath}/`)) return null;
  let callId: string;
  try {
    callId = decodeURIComponent(trimmed.slice(basePath.length + 1));
  } catch {
    return null;
  }
  return isValidCallId(callId) ? { callId } : null;
}
