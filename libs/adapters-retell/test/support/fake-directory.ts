import type { Practice, PracticeDirectory } from '@crowndesk/domain';

/** A PracticeDirectory double: fixed tables, and a record of every lookup made. */
export class FakePracticeDirectory implements PracticeDirectory {
  readonly lookups: string[] = [];
  readonly byAgent = new Map<string, Practice>();
  readonly byNumber = new Map<string, Practice>();
  readonly byPracticeId = new Map<string, Practice>();
  fallbackPractice: Practice | null = null;
  /** When set, every lookup fails with this error (a directory outage). */
  failure: Error | undefined;

  async byPhoneNumber(phoneNumber: string): Promise<Practice | null> {
    return this.lookup(`phone:${phoneNumber}`, () => this.byNumber.get(phoneNumber) ?? null);
  }

  async byVoiceAgentId(agentId: string): Promise<Practice | null> {
    return this.lookup(`agent:${agentId}`, () => this.byAgent.get(agentId) ?? null);
  }

  async byId(practiceId: string): Promise<Practice | null> {
    return this.lookup(`id:${practiceId}`, () => this.byPracticeId.get(practiceId) ?? null);
  }

  async fallback(): Promise<Practice | null> {
    return this.lookup('fallback', () => this.fallbackPractice);
  }

  private lookup(what: string, find: () => Practice | null): Practice | null {
    this.lookups.push(what);
    if (this.failure) throw this.failure;
    return find();
  }
}
