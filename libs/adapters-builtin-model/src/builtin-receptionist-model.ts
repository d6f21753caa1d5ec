import type { LanguageModel, Logger, ModelEvent, ModelRequest } from '@crowndesk/domain';
import {
  askAgain,
  readHistory,
  remind,
  remindersGiven,
  trackDialogue,
  type Decision,
  type DialogueEnvironment,
} from './dialogue';
import { PracticeClock } from './nlu';
import { Say, speechChunks } from './phrasing';

export interface BuiltinReceptionistModelOptions {
  /** Reminders to a silent caller before saying goodbye and ending the call. Default 2. */
  maxReminders?: number;
  /** Decisions are logged at debug level with ids and codes only, never what anyone said. */
  logger?: Logger;
}

const DEFAULT_MAX_REMINDERS = 2;

/**
 * The built-in receptionist: a deterministic dialogue engine behind the LanguageModel port, used when no
 * hosted model is configured. It books, reschedules and cancels through the same tools as a hosted
 * model, with no network. It keeps no state between requests: every request replays the messages.
 */
export class BuiltinReceptionistModel implements LanguageModel {
  private readonly maxReminders: number;
  private readonly logger: Logger | undefined;

  constructor(options: BuiltinReceptionistModelOptions = {}) {
    this.maxReminders = options.maxReminders ?? DEFAULT_MAX_REMINDERS;
    this.logger = options.logger;
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelEvent, void, undefined> {
    if (request.signal.aborted) return;
    const decision = this.decide(request);
    this.logger?.debug(
      { messages: request.messages.length, pending: decision.pending.question, tool: decision.tool?.name ?? null },
      'built-in model decided',
    );

    for (const chunk of speechChunks(decision.say.join(' '))) {
      if (request.signal.aborted) return;
      yield { type: 'text', text: chunk };
    }
    if (!decision.tool || request.signal.aborted) return;
    yield {
      type: 'tool_call',
      call: {
        // Unique within the call: the message count only grows.
        id: `builtin_${request.messages.length}`,
        name: decision.tool.name,
        arguments: JSON.stringify(decision.tool.args),
      },
    };
  }

  private decide(request: ModelRequest): Decision {
    const { context } = request;
    const env: DialogueEnvironment = {
      practiceName: context.practiceName,
      clock: new PracticeClock(context.now, context.timeZone),
      appointmentTypes: context.appointmentTypes,
    };
    const events = readHistory(request.messages);
    const { state, decision } = trackDialogue(events, env);
    const last = events[events.length - 1];
    // Nothing new since we last spoke: the caller is silent (a reminder), or we are asked to speak again.
    const awaitingCaller = !last || last.kind === 'agent';
    if (!awaitingCaller) return withOfferedToolsOnly(decision, request);
    if (!context.reminder) return askAgain(state, env);
    return withOfferedToolsOnly(remind(state, env, remindersGiven(events), this.maxReminders), request);
  }
}

/** A tool the conversation did not offer this time cannot be called: say so instead. */
function withOfferedToolsOnly(decision: Decision, request: ModelRequest): Decision {
  const tool = decision.tool;
  if (!tool || request.tools.length === 0 || request.tools.some((offered) => offered.name === tool.name)) return decision;
  if (tool.name === 'end_call') return { say: decision.say, pending: decision.pending };
  return { say: [Say.cannotDoThat, Say.anythingElse], pending: { question: 'anything_else' } };
}
