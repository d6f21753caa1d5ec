import type { Practice } from '../model';

/** Finds the practice (tenant) a call belongs to, from what the telephony vendor says was dialled. */
export interface PracticeDirectory {
  /** The practice that owns this phone number (E.164), if any. */
  byPhoneNumber(phoneNumber: string): Promise<Practice | null>;
  /** The practice served by this voice agent (e.g. a Retell agent id), if any. */
  byVoiceAgentId(agentId: string): Promise<Practice | null>;
  byId(practiceId: string): Promise<Practice | null>;
  /** The practice to use when the dialled number is unknown: only embedded/demo setups have one. */
  fallback(): Promise<Practice | null>;
}
