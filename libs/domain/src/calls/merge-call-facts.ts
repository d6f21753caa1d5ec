import type { CallChannel, CallRecord, Utterance } from '../model';
import { strongestOutcome } from '../receptionist/conversation/outcome';
import type { CallEvent, CallEventSource, CallSummaryFact } from './call-event';
import { CallPracticeMismatchError } from './call-errors';

/** The channel a vendor's own events imply; our conversation always says which transport it ran on. */
const CHANNEL_OF_SOURCE: Readonly<Record<CallEventSource, CallChannel | undefined>> = {
  retell: 'retell',
  elevenlabs: 'elevenlabs',
  conversation: undefined,
};

/**
 * The call record after `event`, from the record so far (null for the call's first event). Pure.
 *
 * Facts arrive in any order (Retell's `call_analyzed` may land before `call_ended`, our conversation finishes
 * after a reconnect grace period), so every rule is order-independent where the facts allow:
 * - times: the earliest start and the latest end anyone reported (an end is derived from start + duration
 *   when only those are known; an event with no times at all stands in with when it was received);
 * - outcome: the strongest (`strongestOutcome`); appointment ids: the union, first seen first;
 * - transcript: the longer one (more utterances, then more text); a tie keeps what is recorded;
 * - summary: a post-call `analysis` replaces any summary, an `outline` only fills a gap;
 * - caller number: the first one known; channel: our conversation's word, else the first vendor's.
 *
 * Throws `CallPracticeMismatchError` when the event belongs to another practice than the recorded call.
 */
export function mergeCallFacts(existing: CallRecord | null, event: CallEvent): CallRecord {
  if (existing && existing.callId !== event.callId) {
    throw new Error(`Cannot merge an event of call ${event.callId} into call ${existing.callId}`);
  }
  if (existing && existing.practiceId !== event.practiceId) {
    throw new CallPracticeMismatchError(event.callId, existing.practiceId, event.practiceId);
  }
  const { facts } = event;
  const { startedAt, endedAt } = mergeTimes(existing, event);
  const callerNumber = existing?.callerNumber ?? nonBlank(facts.callerNumber);
  const summary = mergeSummary(existing?.summary, facts.summary);
  return {
    callId: event.callId,
    practiceId: event.practiceId,
    channel: mergeChannel(existing?.channel, event),
    ...(callerNumber !== undefined ? { callerNumber } : {}),
    startedAt,
    endedAt,
    transcript: longerTranscript(existing?.transcript ?? [], facts.transcript ?? []).map((utterance) => ({ ...utterance })),
    outcome: strongestOutcome([existing?.outcome ?? 'no_action', facts.outcome ?? 'no_action']),
    ...(summary !== undefined ? { summary } : {}),
    appointmentIds: [...new Set([...(existing?.appointmentIds ?? []), ...(facts.appointmentIds ?? [])])],
  };
}

function mergeChannel(recorded: CallChannel | undefined, event: CallEvent): CallChannel {
  const channel =
    event.source === 'conversation'
      ? (event.facts.channel ?? recorded)
      : (recorded ?? event.facts.channel ?? CHANNEL_OF_SOURCE[event.source]);
  if (!channel) throw new Error(`Event ${event.source}/${event.event} of call ${event.callId} does not say its channel`);
  return channel;
}

function mergeTimes(existing: CallRecord | null, event: CallEvent): { startedAt: string; endedAt: string } {
  const { facts } = event;
  const reportedStart = optionalInstant(facts.startedAt, 'startedAt');
  const reportedEnd = optionalInstant(facts.endedAt, 'endedAt');
  const durationMs = facts.durationMs !== undefined && facts.durationMs >= 0 ? facts.durationMs : undefined;

  const factStart = reportedStart ?? (reportedEnd !== undefined && durationMs !== undefined ? reportedEnd - durationMs : undefined);
  const factEnd = reportedEnd ?? (reportedStart !== undefined && durationMs !== undefined ? reportedStart + durationMs : undefined);

  const start =
    earliest(optionalInstant(existing?.startedAt, 'startedAt'), factStart) ??
    factEnd ??
    instant(event.receivedAt, 'receivedAt');
  // Without any end yet, the call lasted zero time so far; a later end replaces it (the latest end wins).
  const end = latest(optionalInstant(existing?.endedAt, 'endedAt'), factEnd) ?? start;
  return { startedAt: new Date(start).toISOString(), endedAt: new Date(Math.max(start, end)).toISOString() };
}

function mergeSummary(recorded: string | undefined, fact: CallSummaryFact | undefined): string | undefined {
  const text = nonBlank(fact?.text);
  if (text === undefined) return recorded;
  return fact?.kind === 'analysis' ? text : (recorded ?? text);
}

function longerTranscript(recorded: Utterance[], offered: Utterance[]): Utterance[] {
  if (offered.length !== recorded.length) return offered.length > recorded.length ? offered : recorded;
  return textLength(offered) > textLength(recorded) ? offered : recorded;
}

function textLength(transcript: readonly Utterance[]): number {
  return transcript.reduce((total, utterance) => total + utterance.text.length, 0);
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

function optionalInstant(value: string | undefined, what: string): number | undefined {
  return value === undefined ? undefined : instant(value, what);
}

/** Epoch milliseconds of an ISO instant; the error names the field, never the value. */
function instant(value: string, what: string): number {
  const epochMs = Date.parse(value);
  if (Number.isNaN(epochMs)) throw new Error(`Call fact ${what} is not an ISO instant`);
  return epochMs;
}

function nonBlank(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
