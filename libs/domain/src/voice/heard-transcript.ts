import type { Utterance } from '../model';

/**
 * The call as the caller experienced it: their final utterances, and only the agent speech that was
 * actually played to them. This is what the conversation is given each turn and what the call log keeps,
 * so the model never believes the caller heard words that a barge-in cut off.
 *
 * Agent speech is recorded per turn: the heard clauses of one turn form one agent utterance. Caller
 * utterances that follow each other with nothing heard in between are joined into one.
 */
export class HeardTranscript {
  private readonly utterances: Utterance[] = [];
  /** The turn the last agent utterance belongs to, while it is the last utterance. */
  private openAgentTurn: number | undefined;

  /** A final caller utterance from the recognizer. Blank text is ignored. */
  callerSaid(text: string): void {
    const said = text.trim();
    if (said.length === 0) return;
    this.openAgentTurn = undefined;
    const last = this.utterances.at(-1);
    if (last?.speaker === 'caller') last.text = `${last.text} ${said}`;
    else this.utterances.push({ speaker: 'caller', text: said });
  }

  /** A clause of agent turn `turnId` finished playing to the caller. */
  agentHeard(turnId: number, text: string): void {
    const heard = text.trim();
    if (heard.length === 0) return;
    const last = this.utterances.at(-1);
    if (last?.speaker === 'agent' && this.openAgentTurn === turnId) {
      last.text = `${last.text} ${heard}`;
      return;
    }
    this.utterances.push({ speaker: 'agent', text: heard });
    this.openAgentTurn = turnId;
  }

  get length(): number {
    return this.utterances.length;
  }

  /** A copy of the transcript so far, safe to hand to the conversation while the call goes on. */
  snapshot(): Utterance[] {
    return this.utterances.map((utterance) => ({ ...utterance }));
  }
}
