import type { CallEvent, CallFacts } from '@crowndesk/domain';
import { callerNumberOf } from '../practice-resolution';
import { toUtterances } from '../transcript';
import type { RetellWebhookPayload } from './webhook-payload';

/** Disconnection reasons that mean the caller was handed to a person. */
const TRANSFER_REASONS: ReadonlySet<string> = new Set(['call_transfer', 'transfer_bridged']);

/**
 * A Retell webhook as the facts it carries about the call. Every event maps the same way: `call_started`
 * has little more than the start, `call_ended` adds the end and the transcript, `call_analyzed` the summary.
 * The transcript comes only from `transcript_object` (roles), never from the flat `transcript` text.
 */
export function retellCallEvent(payload: RetellWebhookPayload, practiceId: string, receivedAt: Date): CallEvent {
  const { call } = payload;
  const callerNumber = callerNumberOf(call)?.trim();
  const summary = call.call_analysis?.call_summary?.trim();
  const facts: CallFacts = { channel: 'retell' };
  if (callerNumber) facts.callerNumber = callerNumber;
  if (call.start_timestamp !== undefined) facts.startedAt = new Date(call.start_timestamp).toISOString();
  if (call.end_timestamp !== undefined) facts.endedAt = new Date(call.end_timestamp).toISOString();
  if (call.duration_ms !== undefined) facts.durationMs = call.duration_ms;
  if (call.transcript_object) facts.transcript = toUtterances(call.transcript_object);
  if (call.disconnection_reason !== undefined && TRANSFER_REASONS.has(call.disconnection_reason)) facts.outcome = 'transferred';
  if (summary) facts.summary = { text: summary, kind: 'analysis' };
  return {
    source: 'retell',
    callId: call.call_id,
    event: payload.event,
    practiceId,
    receivedAt: receivedAt.toISOString(),
    facts,
  };
}
