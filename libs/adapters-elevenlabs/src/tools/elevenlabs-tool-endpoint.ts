import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger, Practice, PracticeDirectory, ToolRunner } from '@crowndesk/domain';
import { toolArgumentSchemas } from '@crowndesk/domain';
import { ApiKeyGuard } from '../auth/api-key-guard';
import type { HandlerResponse, InboundRequest } from '../http/inbound-request';
import { refuse, respond } from '../http/inbound-request';
import { parseJsonObject, rawBodyMissing } from '../http/json-body';
import { practiceOfAgent } from '../practice-resolution';
import type { ConversationSessions } from './conversation-sessions';
import type { ElevenLabsToolName } from './elevenlabs-tool-names';
import { ELEVENLABS_TOOL_NAMES, isElevenLabsToolName } from './elevenlabs-tool-names';
import { toolCallContextFrom } from './tool-call-context';

const optionsSchema = z.object({
  /** The shared secret ElevenLabs sends in X-API-Key (stored as a workspace secret there). */
  apiKey: z.string(),
  directory: z.custom<PracticeDirectory>((value) => typeof (value as PracticeDirectory | undefined)?.byVoiceAgentId === 'function'),
  toolRunner: z.custom<ToolRunner>((value) => typeof (value as ToolRunner | undefined)?.run === 'function'),
  sessions: z.custom<ConversationSessions>((value) => typeof (value as ConversationSessions | undefined)?.sessionFor === 'function'),
  logger: z.custom<Logger>((value) => typeof (value as Logger | undefined)?.info === 'function'),
});

export type ElevenLabsToolEndpointOptions = z.input<typeof optionsSchema>;

/** POST /api/elevenlabs/tools/{toolName}: the path's tool name plus the raw request. */
export interface ToolCallRequest extends InboundRequest {
  toolName: string;
}

/**
 * Runs the receptionist's tools for an ElevenLabs agent. The practice comes only from the agent that was
 * called (headers filled by ElevenLabs from system variables), the caller's verification lives in the
 * conversation's CallSession, and the domain's ToolRunner validates the arguments and applies every
 * identity rule, exactly as on our own phone path. Its result goes back as the 200 body for the agent's LLM.
 */
export class ElevenLabsToolEndpoint {
  private readonly guard: ApiKeyGuard;
  private readonly options: z.output<typeof optionsSchema>;

  constructor(options: ElevenLabsToolEndpointOptions) {
    this.options = optionsSchema.parse(options);
    this.guard = new ApiKeyGuard({ apiKey: this.options.apiKey });
  }

  readonly handle = async (request: ToolCallRequest): Promise<HandlerResponse> => {
    const { logger } = this.options;
    const unauthorized = this.guard.reject(request.headers);
    if (unauthorized) {
      logger.warn({ tool: request.toolName.slice(0, 60) }, 'elevenlabs tool call refused: bad api key');
      return unauthorized;
    }
    if (!isElevenLabsToolName(request.toolName)) {
      return refuse(404, 'unknown_tool', `no tool named "${request.toolName.slice(0, 60)}"; tools: ${ELEVENLABS_TOOL_NAMES.join(', ')}`);
    }
    const misconfigured = rawBodyMissing(request);
    if (misconfigured) return misconfigured;
    const body = parseJsonObject(request, { emptyAsObject: true });
    if (!body.ok) return body.response;
    const context = toolCallContextFrom(request.headers);
    if (!context.ok) return refuse(400, 'missing_call_context', context.problem);

    const { agentId, conversationId, calledNumber, callerId } = context.context;
    const log = { tool: request.toolName, agentId, conversationId };
    let practice: Practice | null;
    try {
      practice = await practiceOfAgent(this.options.directory, agentId, calledNumber);
    } catch (error) {
      logger.error({ ...log, errorName: errorName(error) }, 'elevenlabs tool call failed: practice directory error');
      return refuse(503, 'directory_unavailable', 'the practice directory is unavailable; try again');
    }
    if (!practice) {
      logger.warn(log, 'elevenlabs tool call for an unknown agent');
      return refuse(404, 'unknown_agent', 'no practice is served by this agent or called number');
    }

    const session = this.options.sessions.sessionFor({ practice, conversationId, ...(callerId ? { callerNumber: callerId } : {}) });
    const call = { id: `el_${randomUUID()}`, name: request.toolName, arguments: JSON.stringify(argumentsOf(request.toolName, body.value)) };
    try {
      const execution = await this.options.toolRunner.run(session, call, request.signal ?? new AbortController().signal);
      logger.info(
        { ...log, practiceId: practice.id, toolCallId: call.id, ok: execution.result.ok, ...(execution.result.ok ? {} : { code: execution.result.error }) },
        'elevenlabs tool call',
      );
      return respond(200, execution.result);
    } catch (error) {
      // The ToolRunner contract is never to throw; if it does, the agent hears a plain failure.
      logger.error({ ...log, practiceId: practice.id, errorName: errorName(error) }, 'elevenlabs tool call failed: tool runner threw');
      return refuse(500, 'tool_failed', 'the tool failed; nothing can be assumed done');
    }
  };
}

/**
 * Only the tool's own arguments go to the runner: anything else in the body (a practice id, a patient id)
 * is dropped here, whatever the model put there.
 */
function argumentsOf(tool: ElevenLabsToolName, body: Record<string, unknown>): Record<string, unknown> {
  const allowed = Object.keys(toolArgumentSchemas[tool].shape);
  return Object.fromEntries(Object.entries(body).filter(([key]) => allowed.includes(key)));
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
