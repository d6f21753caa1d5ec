import type { Practice, PracticeDirectory } from '@crowndesk/domain';

/** Where a practice can be found besides its id. */
export interface PracticeListing {
  /** A phone number (E.164) that rings this practice. */
  number?: string;
  /** A voice agent (e.g. a Retell or ElevenLabs agent id) that serves it. */
  agentId?: string;
}

/**
 * A PracticeDirectory double: tables the test fills, and a record of every lookup made, in order, as
 * `agent:<id>`, `phone:<number>`, `id:<practiceId>` or `fallback`. Setting `failure` makes every lookup
 * throw it (a directory outage).
 */
export class FakePracticeDirectory implements PracticeDirectory {
  readonly lookups: string[] = [];
  readonly byAgent = new Map<string, Practice>();
  readonly byNumber = new Map<string, Practice>();
  readonly byPracticeId = new Map<string, Practice>();
  fallbackPractice: Practice | null = null;
  failure: Error | undefined;

  /** Lists the practice under its id, and under a number and an agent when given. */
  add(practice: Practice, listing: PracticeListing = {}): this {
    this.byPracticeId.set(practice.id, practice);
    if (listing.number) this.byNumber.set(listing.number, practice);
    if (listing.agentId) this.byAgent.set(listing.agentId, practice);
    return this;
  }

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
