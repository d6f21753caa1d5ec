import type { CallRecord } from '../model';
import type { CallLog } from '../ports';
import type { CallEventInbox } from './call-event-inbox';
import { conversationFinishedEvent } from './conversation-call-event';

/**
 * The CallLog our conversations write to, routed through the inbox so their record merges with what voice
 * platforms report about the same call, whichever arrives first. Recording a call twice keeps the first
 * (the inbox dedupes `conversation/<callId>/finished`), as the CallLog contract asks.
 */
export class InboxCallLog implements CallLog {
  constructor(private readonly inbox: CallEventInbox) {}

  async record(call: CallRecord): Promise<void> {
    await this.inbox.accept(conversationFinishedEvent(call));
  }
}
