import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER } from '@crowndesk/adapters-sqlite';
import { RETELL_SIGNATURE_HEADER, signRetellWebhook } from '@crowndesk/adapters-retell';

/** A caller's number (fictional 555 range). */
export const WEBHOOK_CALLER_NUMBER = '+15555550177';

export interface RetellCallFacts {
  callId: string;
  /** Unix ms. */
  startMs: number;
  durationMs: number;
  utterances?: { role: 'agent' | 'user'; content: string }[];
  summary?: string;
  disconnectionReason?: string;
}

/** Retell's webhook body for one event of a call to the demo practice's agent, shaped as Retell sends it. */
export function retellWebhookBody(event: string, facts: RetellCallFacts): Buffer {
  const call: Record<string, unknown> = {
    call_type: 'phone_call',
    call_id: facts.callId,
    agent_id: DEMO_AGENT_ID,
    call_status: event === 'call_started' ? 'ongoing' : 'ended',
    direction: 'inbound',
    from_number: WEBHOOK_CALLER_NUMBER,
    to_number: DEMO_PHONE_NUMBER,
    start_timestamp: facts.startMs,
    metadata: {},
    retell_llm_dynamic_variables: {},
  };
  if (event !== 'call_started') {
    call['end_timestamp'] = facts.startMs + facts.durationMs;
    call['duration_ms'] = facts.durationMs;
    call['disconnection_reason'] = facts.disconnectionReason ?? 'user_hangup';
    const utterances = facts.utterances ?? [];
    call['transcript'] = utterances.map((utterance) => `${utterance.role === 'agent' ? 'Agent' : 'User'}: ${utterance.content}`).join('\n');
    call['transcript_object'] = utterances.map((utterance) => ({ ...utterance, words: [] }));
  }
  if (event === 'call_analyzed' && facts.summary) {
    call['call_analysis'] = { call_summary: facts.summary, call_successful: true, in_voicemail: false, user_sentiment: 'Positive' };
  }
  return Buffer.from(JSON.stringify({ event, call }), 'utf8');
}

export interface WebhookReply {
  status: number;
  body: { ok?: boolean; reason?: string; error?: string };
  /** Request to answer, measured at the client. */
  durationMs: number;
}

/** POSTs a body to the gateway's Retell webhook, signed with `apiKey` at `signedAt` unless a signature is given. */
export async function postRetellWebhook(
  gatewayUrl: string,
  body: Buffer,
  signing: { apiKey: string; signedAt: Date } | { signature: string | undefined },
): Promise<WebhookReply> {
  const signature = 'signature' in signing ? signing.signature : signRetellWebhook(body, signing.apiKey, signing.signedAt);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers[RETELL_SIGNATURE_HEADER] = signature;
  const started = performance.now();
  const response = await fetch(`${gatewayUrl}/api/retell/webhook`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as WebhookReply['body'], durationMs: performance.now() - started };
}
