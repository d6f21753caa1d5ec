import {
  createCallSession,
  type CallRecord,
  type CallSession,
  type Conversation,
  type ConversationFactory,
  type ConversationOutput,
  type ConversationStart,
  type ConversationTurn,
  type Utterance,
} from '@crowndesk/domain';

/** How a scripted conversation answers one turn. */
export type TurnScript = (turn: ConversationTurn, conversation: ScriptedConversation) => AsyncIterable<ConversationOutput>;

/** When every scripted call starts: a fixed moment, so records are the same on every run. */
export const SCRIPTED_CALL_STARTED_AT = '2026-01-05T15:00:00.000Z';
export const DEFAULT_SCRIPTED_GREETING = 'Hello, how can I help?';

const copyTranscript = (transcript: Utterance[]): Utterance[] => transcript.map((utterance) => ({ ...utterance }));

/**
 * A Conversation double: a greeting from its factory, scripted answers, and a record of every call made to
 * it. Turns and finishes keep copies of the transcripts they were given, as they were at that moment.
 */
export class ScriptedConversation implements Conversation {
  readonly session: CallSession;
  /** Every turn, with a copy of the transcript it was given. */
  readonly turns: ConversationTurn[] = [];
  /** The final transcript of every finish() call, copied. */
  readonly finishes: Utterance[][] = [];
  /** The `endedAt` of every finish() call, in the same order as `finishes`. */
  readonly endedAts: (Date | undefined)[] = [];
  greetings = 0;

  constructor(
    start: ConversationStart,
    private readonly factory: ScriptedConversationFactory,
  ) {
    this.session = createCallSession({ ...start, startedAt: SCRIPTED_CALL_STARTED_AT });
  }

  greeting(): string {
    this.greetings += 1;
    return this.factory.greeting(this.session.practice.id);
  }

  respond(turn: ConversationTurn): AsyncIterable<ConversationOutput> {
    this.turns.push({ ...turn, transcript: copyTranscript(turn.transcript) });
    return this.factory.nextScript()(turn, this);
  }

  async finish(finalTranscript: Utterance[], endedAt?: Date): Promise<CallRecord> {
    this.finishes.push(copyTranscript(finalTranscript));
    this.endedAts.push(endedAt);
    const { callId, practice, channel, startedAt } = this.session;
    return {
      callId,
      practiceId: practice.id,
      channel,
      startedAt,
      endedAt: (endedAt ?? new Date()).toISOString(),
      transcript: finalTranscript,
      outcome: 'no_action',
      appointmentIds: [],
    };
  }
}

export interface ScriptedConversationFactoryOptions {
  /** What a conversation says first, by practice id. Default: {@link DEFAULT_SCRIPTED_GREETING}. */
  greeting?: (practiceId: string) => string;
}

/** A ConversationFactory double: starts scripted conversations and keeps every one it started. */
export class ScriptedConversationFactory implements ConversationFactory {
  readonly started: ConversationStart[] = [];
  readonly conversations: ScriptedConversation[] = [];
  /** Scripts for the next turns, in order (across conversations); once used up, `defaultScript` answers. */
  readonly scripts: TurnScript[] = [];
  defaultScript: TurnScript = speak('Sure, I can help with that.');
  greeting: (practiceId: string) => string;

  constructor(options: ScriptedConversationFactoryOptions = {}) {
    this.greeting = options.greeting ?? (() => DEFAULT_SCRIPTED_GREETING);
  }

  start(start: ConversationStart): Conversation {
    this.started.push(start);
    const conversation = new ScriptedConversation(start, this);
    this.conversations.push(conversation);
    return conversation;
  }

  /** The script for the turn now being answered. */
  nextScript(): TurnScript {
    return this.scripts.shift() ?? this.defaultScript;
  }

  /** The one conversation started; throws when there is not exactly one. */
  only(): ScriptedConversation {
    if (this.conversations.length !== 1) throw new Error(`expected one conversation, got ${this.conversations.length}`);
    return this.conversations[0] as ScriptedConversation;
  }
}

/** Answers a turn with these outputs, in order. */
export function scripted(...outputs: ConversationOutput[]): TurnScript {
  return async function* () {
    yield* outputs;
  };
}

/** Answers a turn with these pieces of speech. */
export function speak(...texts: string[]): TurnScript {
  return scripted(...texts.map(say));
}

export const say = (text: string): ConversationOutput => ({ type: 'text', text });
export const transferTo = (number: string): ConversationOutput => ({ type: 'transfer', number, reason: 'staff' });
export const endCall: ConversationOutput = { type: 'end_call' };
