import type { Practice, PracticeDirectory } from '@crowndesk/domain';
import { BRIGHT_SMILE_AGENT, BRIGHT_SMILE_NUMBER, brightSmile, HARBOR_VIEW_AGENT, HARBOR_VIEW_NUMBER, harborView } from './practices';

/** A PracticeDirectory double over two practices; records every lookup. */
export class FakeDirectory implements PracticeDirectory {
  readonly lookups: string[] = [];
  failWith: Error | undefined;
  private readonly byAgent = new Map<string, Practice>([
    [BRIGHT_SMILE_AGENT, brightSmile],
    [HARBOR_VIEW_AGENT, harborView],
  ]);
  private readonly byNumber = new Map<string, Practice>([
    [BRIGHT_SMILE_NUMBER, brightSmile],
    [HARBOR_VIEW_NUMBER, harborView],
  ]);

  async byPhoneNumber(phoneNumber: string): Promise<Practice | null> {
    this.lookups.push(`number:${phoneNumber}`);
    if (this.failWith) throw this.failWith;
    return this.byNumber.get(phoneNumber) ?? null;
  }
  async byVoiceAgentId(agentId: string): Promise<Practice | null> {
    this.lookups.push(`agent:${agentId}`);
    if (this.failWith) throw this.failWith;
    return this.byAgent.get(agentId) ?? null;
  }
  async byId(practiceId: string): Promise<Practice | null> {
    this.lookups.push(`id:${practiceId}`);
    return [brightSmile, harborView].find((practice) => practice.id === practiceId) ?? null;
  }
  async fallback(): Promise<Practice | null> {
    return null;
  }
}
