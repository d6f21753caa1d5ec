import type { Practice, PracticeDirectory } from '@crowndesk/domain';

export type PracticeSource = 'phone_number' | 'fallback';

/**
 * The practice that owns the dialled number, or the directory's fallback practice when the configuration
 * allows one (embedded and demo setups). Nothing the caller controls is consulted.
 */
export async function practiceForNumber(
  directory: PracticeDirectory,
  dialled: string,
  allowFallback: boolean,
): Promise<{ practice: Practice; source: PracticeSource } | null> {
  const owner = await directory.byPhoneNumber(dialled);
  if (owner) return { practice: owner, source: 'phone_number' };
  if (!allowFallback) return null;
  const fallback = await directory.fallback();
  return fallback ? { practice: fallback, source: 'fallback' } : null;
}
