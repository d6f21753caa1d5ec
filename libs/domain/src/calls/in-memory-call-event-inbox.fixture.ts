import type { CallRecord } from '../model';
import type { CallEvent } from './call-event';
import type { CallEventAcceptance, CallEventInbox } from './call-event-inbox';
import { mergeCallFacts } from './merge-call-facts';

/**
 * The inbox contract in memory, for domain tests: the dedupe mark and the merged record change together
 * (a merge that throws changes neither).
 */
export class InMemoryCallEventInbox implements CallEventInbox {
  readonly records = new Map<string, CallRecord>();
  private readonly seen = new Set<string>();

  async accept(event: CallEvent): Promise<CallEventAcceptance> {
    const key = JSON.stringify([event.source, event.callId, event.event]);
    if (this.seen.has(key)) return 'duplicate';
    const merged = mergeCallFacts(this.records.get(event.callId) ?? null, event);
    this.seen.add(key);
    this.records.set(event.callId, merged);
    return 'accepted';
  }
}
