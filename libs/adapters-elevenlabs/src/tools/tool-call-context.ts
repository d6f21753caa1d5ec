import { z } from 'zod';
import type { InboundHeaders } from '../http/inbound-request';
import { headerValue } from '../http/inbound-request';

/**
 * Who is calling whom, as ElevenLabs fills it from its system dynamic variables into request headers.
 * The LLM never sees or writes these: the practice (tenant) and the conversation come only from here.
 */
export const TOOL_CONTEXT_HEADERS = {
  agentId: { header: 'X-CrownDesk-Agent-Id', variable: 'system__agent_id' },
  conversationId: { header: 'X-CrownDesk-Conversation-Id', variable: 'system__conversation_id' },
  calledNumber: { header: 'X-CrownDesk-Called-Number', variable: 'system__called_number' },
  callerId: { header: 'X-CrownDesk-Caller-Id', variable: 'system__caller_id' },
} as const;

const vendorId = z.string().trim().min(1).max(200).regex(/^[\w.:-]+$/, 'unexpected characters');
/** Phone variables are empty (or unfilled) outside phone calls: anything not E.164-like counts as absent. */
const phoneNumber = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value && /^\+?[1-9]\d{3,18}$/.test(value) ? value : undefined));

const toolCallContextSchema = z.object({
  agentId: vendorId,
  conversationId: vendorId,
  calledNumber: phoneNumber,
  callerId: phoneNumber,
});

export type ToolCallContext = z.output<typeof toolCallContextSchema>;

export type ToolCallContextResult = { ok: true; context: ToolCallContext } | { ok: false; problem: string };

export function toolCallContextFrom(headers: InboundHeaders): ToolCallContextResult {
  const raw = Object.fromEntries(
    Object.entries(TOOL_CONTEXT_HEADERS).map(([key, { header }]) => [key, headerValue(headers, header)]),
  );
  const parsed = toolCallContextSchema.safeParse(raw);
  if (parsed.success) return { ok: true, context: parsed.data };
  const issue = parsed.error.issues[0];
  const key = issue?.path[0] as keyof typeof TOOL_CONTEXT_HEADERS | undefined;
  const source = key ? TOOL_CONTEXT_HEADERS[key] : undefined;
  return {
    ok: false,
    problem: source ? `${source.header} header (${source.variable}) is missing or invalid` : 'invalid call context headers',
  };
}
