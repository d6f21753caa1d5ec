import { sha256Hex } from './sha256';

/** The write operations of the front desk, each with its own key space. */
export type IdempotentOperation = 'book' | 'register_patient' | 'reschedule' | 'cancel';

/**
 * A deterministic key for one write of one call: the same call, operation and arguments always give the same
 * key, whatever the order of the arguments' properties. Retell's discard-and-re-ask and retried tool calls
 * therefore reach the backend with the key it has already seen, and the write happens once.
 * The arguments are hashed: keys end up in backend logs and must not carry names or dates of birth.
 */
export function idempotencyKey(callId: string, operation: IdempotentOperation, args: Record<string, unknown>): string {
  return `${operation}-${sha256Hex(canonicalJson([callId, operation, args]))}`;
}

/** JSON with object keys sorted at every depth; otherwise as JSON.stringify (undefined members dropped). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return sortKeys((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return value.map(sortKeys);
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
