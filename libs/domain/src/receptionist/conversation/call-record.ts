import type { CallOutcome, CallRecord, Utterance } from '../../model';
import type { CallSession } from '../call-session';
import { CallOutcomeRank, strongestOutcome } from './outcome';

/** The call log entry for a finished call. */
export function buildCallRecord(session: CallSession, transcript: readonly Utterance[], endedAt: Date): CallRecord {
  return {
    callId: session.callId,
    practiceId: session.practice.id,
    channel: session.channel,
    ...(session.callerNumber ? { callerNumber: session.callerNumber } : {}),
    startedAt: session.startedAt,
    endedAt: endedAt.toISOString(),
    transcript: transcript.map((utterance) => ({ speaker: utterance.speaker, text: utterance.text })),
    outcome: strongestOutcome(session.outcomes),
    summary: summarizeCall(session.outcomes),
    appointmentIds: [...new Set(session.appointmentIds)],
  };
}

/**
 * What the call achieved, strongest first, e.g. "Booked 1 appointment; transferred to staff".
 * Built from outcomes only, so it never carries names, dates or speech (PHI).
 */
export function summarizeCall(outcomes: readonly CallOutcome[]): string {
  const counts = new Map<CallOutcome, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  counts.delete('no_action');
  const parts = [...counts.entries()]
    .sort(([a], [b]) => CallOutcomeRank[b] - CallOutcomeRank[a])
    .map(([outcome, count]) => describeOutcome(outcome, count));
  if (parts.length === 0) return 'No action taken';
  const summary = parts.join('; ');
  return summary.charAt(0).toUpperCase() + summary.slice(1);
}

function describeOutcome(outcome: CallOutcome, count: number): string {
  const appointments = `${count} appointment${count === 1 ? '' : 's'}`;
  switch (outcome) {
    case 'emergency_routed':
      return 'routed to the on-call dentist as an emergency';
    case 'booked':
      return `booked ${appointments}`;
    case 'rescheduled':
      return `rescheduled ${appointments}`;
    case 'cancelled':
      return `cancelled ${appointments}`;
    case 'transferred':
      return 'transferred to staff';
    case 'information':
      return 'answered questions';
    case 'no_action':
      return 'no action taken';
  }
}
