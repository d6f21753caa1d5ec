import { z } from 'zod';
import type { CallLog, Clock, LanguageModel, Logger, ToolDefinition } from '../../ports';
import { createCallSession } from '../call-session';
import type { Conversation, ConversationFactory, ConversationStart } from '../conversation';
import type { ToolRunner } from '../tool-runner';
import { ReceptionistConversation } from './receptionist-conversation';

export const DEFAULT_MAX_TOOL_ROUNDS = 4;

export interface ReceptionistConversationFactoryDeps {
  model: LanguageModel;
  tools: ToolRunner;
  toolDefinitions: ToolDefinition[];
  callLog: CallLog;
  clock: Clock;
  logger: Logger;
  /** Rounds of tool use the model may take in one turn before we hand the caller to staff (default 4). */
  maxToolRounds?: number;
}

const maxToolRoundsSchema = z.number().int().min(1).max(20).default(DEFAULT_MAX_TOOL_ROUNDS);

/** Starts a receptionist conversation for each call. */
export class ReceptionistConversationFactory implements ConversationFactory {
  private readonly maxToolRounds: number;

  constructor(private readonly deps: ReceptionistConversationFactoryDeps) {
    this.maxToolRounds = maxToolRoundsSchema.parse(deps.maxToolRounds);
  }

  start(start: ConversationStart): Conversation {
    const session = createCallSession({
      callId: start.callId,
      practice: start.practice,
      channel: start.channel,
      ...(start.callerNumber ? { callerNumber: start.callerNumber } : {}),
      startedAt: this.deps.clock.now().toISOString(),
    });
    this.deps.logger.info(
      { callId: session.callId, practiceId: session.practice.id, channel: session.channel },
      'receptionist conversation started',
    );
    return new ReceptionistConversation(session, { ...this.deps, maxToolRounds: this.maxToolRounds });
  }
}
