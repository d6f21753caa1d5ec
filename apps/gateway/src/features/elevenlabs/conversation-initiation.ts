import { z } from 'zod';
import type { HandlerResponse, InboundRequest } from '@crowndesk/adapters-elevenlabs';
import type { Clock, Logger, Practice, PracticeDirectory } from '@crowndesk/domain';

/**
 * POST /api/elevenlabs/callback: ElevenLabs' conversation-initiation webhook ("Twilio personalization").
 * While an inbound call to an ElevenLabs agent rings, ElevenLabs posts `{caller_id, agent_id, called_number,
 * call_sid}` and starts the conversation with the `conversation_initiation_client_data` we answer.
 *
 * We answer with the practice's dynamic variables, so one agent prompt serves every practice:
 * `{{practice_name}}`, `{{practice_greeting}}` (use it as the first message), `{{practice_address}}`,
 * `{{practice_time_zone}}` and `{{practice_local_time}}`. The practice comes from the agent that was
 * called (or else the number dialled), never from the caller. Nothing about the caller is looked up or
 * returned: a caller id is not proof of identity, so patient facts stay behind the verified tools. No
 * config overrides are sent: ElevenLabs refuses the whole call when the agent does not allow them.
 */

export const CONVERSATION_INITIATION = 'conversation_initiation_client_data';

const phoneLike = z.string().trim().max(64).optional();
const initiationRequestSchema = z.object({
  agent_id: z.string().trim().min(1).max(200),
  called_number: phoneLike,
  caller_id: phoneLike,
  call_sid: z.string().trim().max(64).optional(),
});

export interface ConversationInitiationDeps {
  directory: PracticeDirectory;
  clock: Clock;
  logger: Logger;
}

export class ConversationInitiation {
  constructor(private readonly deps: ConversationInitiationDeps) {}

  readonly handle = async (request: InboundRequest): Promise<HandlerResponse> => {
    const body = parseBody(request.rawBody);
    if (!body.ok) return refuse(400, 'invalid_payload', body.reason);
    const { agent_id: agentId, called_number: calledNumber, call_sid: callSid } = body.value;
    const log = { agentId, ...(callSid ? { callId: callSid } : {}) };

    let practice: Practice | null;
    try {
      practice = (await this.deps.directory.byVoiceAgentId(agentId)) ?? (calledNumber ? await this.deps.directory.byPhoneNumber(calledNumber) : null);
    } catch (error) {
      this.deps.logger.error({ ...log, errorName: error instanceof Error ? error.name : typeof error }, 'elevenlabs callback failed: practice directory error');
      return refuse(503, 'directory_unavailable', 'the practice directory is unavailable; try again');
    }
    if (!practice) {
      this.deps.logger.warn(log, 'elevenlabs callback for an agent that serves no practice');
      return refuse(404, 'unknown_agent', 'no practice is served by this agent or called number');
    }
    this.deps.logger.info({ ...log, practiceId: practice.id }, 'elevenlabs conversation initiated');
    return {
      status: 200,
      body: { type: CONVERSATION_INITIATION, dynamic_variables: practiceVariables(practice, this.deps.clock.now()) },
    };
  };
}

export function practiceVariables(practice: Practice, now: Date): Record<string, string> {
  return {
    practice_id: practice.id,
    practice_name: practice.name,
    practice_greeting: practice.greeting,
    practice_address: practice.address,
    practice_time_zone: practice.timeZone,
    practice_local_time: new Intl.DateTimeFormat('en-US', { timeZone: practice.timeZone, dateStyle: 'full', timeStyle: 'short' }).format(now),
  };
}

type Parsed = { ok: true; value: z.output<typeof initiationRequestSchema> } | { ok: false; reason: string };

function parseBody(rawBody: Buffer): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not valid JSON' };
  }
  const parsed = initiationRequestSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  // Field paths only: the values may be phone numbers.
  return { ok: false, reason: `unexpected body at ${parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}` };
}

function refuse(status: number, error: string, reason: string): HandlerResponse {
  return { status, body: { error, reason } };
}
