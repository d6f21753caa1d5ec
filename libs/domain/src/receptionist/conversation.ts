import type { CallChannel, CallRecord, Practice, Utterance } from '../model';
import type { ConversationOutput } from './conversation-output';
import type { CallSession } from './call-session';

export interface ConversationTurn {
  /** The whole transcript so far, as the transport knows it (what was actually said and heard). */
  transcript: Utterance[];
  /** The caller has been silent and the transport asks us to prompt them. */
  reminder: boolean;
  /** Aborted when a newer turn supersedes this one or the call ends. */
  signal: AbortSignal;
}

/** One call's receptionist dialogue, independent of how audio or text reaches us. */
export interface Conversation {
  readonly session: CallSession;
  /** The opening line, in the practice's name. */
  greeting(): string;
  /** Streams the receptionist's answer to the transcript so far. */
  respond(turn: ConversationTurn): AsyncIterable<ConversationOutput>;
  /** The call is over: write it to the call log once (later calls return the same record). */
  finish(finalTranscript: Utterance[], endedAt?: Date): Promise<CallRecord>;
}

export interface ConversationStart {
  callId: string;
  practice: Practice;
  channel: CallChannel;
  callerNumber?: string;
}

export interface ConversationFactory {
  start(start: ConversationStart): Conversation;
}
