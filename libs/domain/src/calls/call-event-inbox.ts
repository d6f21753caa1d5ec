import type { CallEvent } from './call-event';

export type CallEventAcceptance = 'accepted' | 'duplicate';

/**
 * Where facts about calls arrive (webhooks, our own conversations) and become the practice's call record.
 *
 * Contract for every implementation:
 * - dedupe is durable and keyed on `(source, callId, event)`: it survives restarts and holds across processes;
 * - the dedupe mark and the merged call record (`mergeCallFacts`) are written in the SAME transaction, so a
 *   crash leaves either both or neither;
 * - a replay answers `duplicate` and changes nothing;
 * - a failure (e.g. the event's practice differs from the recorded call's) rejects and changes nothing.
 */
export interface CallEventInbox {
  accept(event: CallEvent): Promise<CallEventAcceptance>;
}
