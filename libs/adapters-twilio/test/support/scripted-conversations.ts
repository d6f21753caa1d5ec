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

/** A Conversation double: a fixed greeting, scripted answers, and a record of every call made to it. */
export class ScriptedConversation implements Conversation {
  readonly session: CallSession;
  /** Every turn, with a copy of the transcript it was given. */
  readonly turns: ConversationTurn[] = [];
  readonly finishes: Utterance[][] = [];

  constructor(
    start: ConversationStart,
    private readonly factory: ScriptedConversationFactory,
  ) {
    this.session = createCallSession({ ...start, startedAt: '2026-01-05T15:00:00.000Z' });
  }

  greeting(): string {
    return this.factory.greeting;
  }

  respond(turn: ConversationTurn): AsyncIterable<ConversationOutput> {
    this.turns.push({ ...turn, transcript: turn.transcript.map((utterance) => ({ ...utterance })) });
    const script = this.factory.scripts.shift() ?? this.factory.defaultScript;
    return script(turn, this);
  }

  async finish(finalTranscript: Utterance[], endedAt?: Date): Promise<CallRecord> {
    this.finishes.push(finalTranscript.map((utterance) => ({ ...utterance })));
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

export class ScriptedConversationFactory implements ConversationFactory {
  readonly started: ConversationStart[] = [];
  readonly conversations: ScriptedConversation[] = [];
  greeting = 'Hello, how can I help?';
  /** Scripts used by the next turns, in order (across conversations); then the default. */
  readonly scripts: TurnScript[] = [];
  defaultScript: TurnScript = speak('Sure, I can help with that.');

  start(start: ConversationStart): Conversation {
    this.started.push(start);
    const conversation = new ScriptedConversation(start, this);
    this.conversations.push(conversation);
    return conversation;
  }

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
  return scripted(...texts.map((text): ConversationOutput => ({ type: 'text', text })));
}

export const say = (text: string): ConversationOutput => ({ type: 'text', text });
export const transferTo = (number: string): ConversationOutput => ({ type: 'transfer', number, reason: 'staff' });
export const endCall: ConversationOutput = { type: 'end_call' };

/** A promise the test resolves by hand. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;
  constructor() {
    this.opened = new Promise((resolve) => {
      this.open = resolve;
    });
  }
}
