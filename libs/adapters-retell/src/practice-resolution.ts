import type { Practice, PracticeDirectory } from '@crowndesk/domain';
import type { RetellCallObject } from './protocol/inbound-frames';

/** How the practice was found, for the logs. */
export type PracticeSource = 'voice_agent' | 'phone_number' | 'fallback';

export interface ResolvedPractice {
  practice: Practice;
  source: PracticeSource;
}

/**
 * The practice's own number on this call: the number dialled for an inbound call, the number we dialled
 * from for an outbound one. Web calls have none.
 */
function practiceNumberOf(call: RetellCallObject): string | undefined {
  return call.direction === 'outbound' ? call.from_number : call.to_number;
}

/** The caller's number (PHI: passed to the conversation, never logged). */
export function callerNumberOf(call: RetellCallObject): string | undefined {
  return call.direction === 'outbound' ? call.to_number : call.from_number;
}

/**
 * Finds the practice a call belongs to from what Retell assigned: the agent first, then the practice's
 * phone number. Metadata and dynamic variables are never consulted: whoever places or forwards a call
 * can influence them, and the practice decides whose data the conversation may read and change.
 */
export async function resolvePractice(
  directory: PracticeDirectory,
  call: RetellCallObject,
  allowFallback: boolean,
): Promise<ResolvedPractice | null> {
  if (call.agent_id) {
    const practice = await directory.byVoiceAgentId(call.agent_id);
    if (practice) return { practice, source: 'voice_agent' };
  }
  const practiceNumber = practiceNumberOf(call);
  if (practiceNumber) {
    const practice = await directory.byPhoneNumber(practiceNumber);
    if (practice) return { practice, source: 'phone_number' };
  }
  if (allowFallback) {
    const practice = await directory.fallback();
    if (practice) return { practice, source: 'fallback' };
  }
  return null;
}
