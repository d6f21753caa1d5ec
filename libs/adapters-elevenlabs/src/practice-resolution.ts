import type { Practice, PracticeDirectory } from '@crowndesk/domain';

/**
 * The practice (tenant) an ElevenLabs conversation belongs to: the agent that was called, or else the
 * number that was dialled. Never anything the caller or the model said.
 */
export async function practiceOfAgent(
  directory: PracticeDirectory,
  agentId: string,
  calledNumber: string | undefined,
): Promise<Practice | null> {
  const byAgent = await directory.byVoiceAgentId(agentId);
  if (byAgent) return byAgent;
  return calledNumber ? directory.byPhoneNumber(calledNumber) : null;
}
