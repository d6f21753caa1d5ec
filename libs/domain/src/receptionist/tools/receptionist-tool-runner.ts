import type { Clock, Logger, ModelToolCall } from '../../ports';
import type { FrontDesk } from '../../scheduling';
import type { CallSession } from '../call-session';
import type { ToolArguments, ToolName, ToolResult } from '../tool-contract';
import { TOOL_NAMES, toolArgumentSchemas } from '../tool-contract';
import type { ToolExecution, ToolRunner } from '../tool-runner';
import type { ToolHandlers, ToolOutcome } from './tool-handlers';
import { toolHandlers } from './tool-handlers';
import { backendUnavailable, failure } from './tool-failures';

/** How many validation problems to tell the model at once. */
const MAX_ISSUES = 3;

type Parsed<K extends ToolName> = { ok: true; args: ToolArguments[K] } | { ok: false; result: ToolResult };

/**
 * Runs the receptionist's tools for a call: validates the model's arguments at the edge, runs the use case
 * with the practice and patient of the session, and turns every failure into a result the model can speak
 * from. Never throws.
 */
export class ReceptionistToolRunner implements ToolRunner {
  private readonly handlers: ToolHandlers;

  constructor(
    frontDesk: FrontDesk,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.handlers = toolHandlers(frontDesk, clock);
  }

  async run(session: CallSession, call: ModelToolCall, signal: AbortSignal): Promise<ToolExecution> {
    const context = { callId: session.callId, practiceId: session.practice.id, toolCallId: call.id, tool: call.name.slice(0, 40) };
    if (!isToolName(call.name)) {
      this.logger.warn(context, 'unknown tool requested');
      return execution({ result: failure('unknown_tool', `There is no tool named "${call.name.slice(0, 40)}". Tools: ${TOOL_NAMES.join(', ')}.`) });
    }
    const parsed = parseArguments(call.name, call.arguments);
    if (!parsed.ok) {
      this.logger.info(context, 'tool arguments rejected');
      return execution({ result: parsed.result });
    }
    // A superseded turn must not act: the model will be asked again with what the caller said since.
    if (signal.aborted) {
      this.logger.debug(context, 'tool skipped: turn superseded');
      return execution({ result: superseded('before it ran; nothing was done') });
    }
    try {
      const outcome = await this.dispatch(call.name, session, parsed.args, signal);
      this.logger.debug({ ...context, ok: outcome.result.ok }, 'tool ran');
      return execution(outcome);
    } catch (error) {
      // Superseded while it ran: the backend stopped its reads; a write it had started, it finished.
      if (signal.aborted) {
        this.logger.debug({ ...context, errorName: errorName(error) }, 'tool stopped: turn superseded');
        return execution({ result: superseded('while it ran; call the tool again if it is still wanted (a repeated change is made only once)') });
      }
      // The error's message may quote backend data; log its kind only.
      this.logger.error({ ...context, errorName: errorName(error) }, 'tool failed: backend error');
      return execution({ result: backendUnavailable() });
    }
  }

  private dispatch<K extends ToolName>(
    name: K,
    session: CallSession,
    args: ToolArguments[K],
    signal: AbortSignal,
  ): Promise<ToolOutcome> {
    const handler: (session: CallSession, args: ToolArguments[K], signal: AbortSignal) => Promise<ToolOutcome> = this.handlers[name];
    return handler(session, args, signal);
  }
}

function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/** The model's JSON arguments, validated against the tool's schema. An empty string means no arguments. */
function parseArguments<K extends ToolName>(name: K, raw: string): Parsed<K> {
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, result: failure('invalid_arguments', 'The arguments are not valid JSON; call the tool again with a JSON object.') };
  }
  const checked = toolArgumentSchemas[name].safeParse(json);
  if (checked.success) return { ok: true, args: checked.data as ToolArguments[K] };
  const problems = checked.error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  return { ok: false, result: failure('invalid_arguments', `Invalid arguments for ${name}: ${problems.join('; ')}.`) };
}

function superseded(when: string): ToolResult {
  return failure('backend_unavailable', `This request was superseded ${when}.`);
}

function execution(outcome: ToolOutcome): ToolExecution {
  const content = JSON.stringify(outcome.result);
  return outcome.effect ? { result: outcome.result, content, effect: outcome.effect } : { result: outcome.result, content };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
