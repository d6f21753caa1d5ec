import type { CallChannel, CallOutcome, Utterance } from '../model';

/** Where a fact about a call came from: our own conversation, or a voice platform's post-call webhook. */
export type CallEventSource = 'retell' | 'elevenlabs' | 'conversation';

export const CALL_EVENT_SOURCES: readonly CallEventSource[] = ['retell', 'elevenlabs', 'conversation'];

/**
 * A summary and how much to trust it. A vendor's post-call `analysis` read the whole conversation and
 * replaces any other summary; an `outline` (e.g. the conversation's "Booked 1 appointment") only fills a gap.
 */
export interface CallSummaryFact {
  text: string;
  kind: 'analysis' | 'outline';
}

/** What one event knows about a call: each field is optional because each source sees part of the call. */
export interface CallFacts {
  /** The transport that carried the call. Our conversation's word wins; vendors' only fills a gap. */
  channel?: CallChannel;
  /** E.164 (or whatever the carrier gave) of the caller (PHI: stored, never logged). */
  callerNumber?: string;
  /** ISO instants. */
  startedAt?: string;
  endedAt?: string;
  /** Length of the call, used for the end when only the start is known. */
  durationMs?: number;
  transcript?: Utterance[];
  /** An outcome this event shows, e.g. `transferred` for a call that ended in a transfer. */
  outcome?: CallOutcome;
  summary?: CallSummaryFact;
  /** Appointments the call created or changed. */
  appointmentIds?: string[];
}

/**
 * One fact-bearing event about a call, e.g. Retell's `call_ended` or our conversation's `finished`.
 * `(source, callId, event)` identifies it: each happens at most once per call, so a second delivery is a replay.
 */
export interface CallEvent {
  source: CallEventSource;
  callId: string;
  /** The source's own name for the event: `call_started`, `call_ended`, `call_analyzed`, `finished`, ... */
  event: string;
  practiceId: string;
  /** ISO instant we learned of it: stands in for the call's times only when the event carries none. */
  receivedAt: string;
  facts: CallFacts;
}
