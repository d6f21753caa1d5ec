import type { ElevenLabsTtsStandIn } from './voice-elevenlabs-tts';
import type { PhoneCall } from './voice-gateway';

/**
 * Drives one call from the caller's side: the recognizer stand-in "hears" a line, and the agent's answer is
 * read from what the gateway asked ElevenLabs to say. Agent turn N marks its clauses `t<N>c<k>`; a turn is
 * over once its last clause was spoken and the mark of each of its clauses came back (Twilio played it all).
 */
export class CallerScript {
  private turn: number;
  /** Index of the turn's first clause among the synthesis requests. */
  private firstClause: number;

  constructor(
    private readonly call: PhoneCall,
    private readonly tts: ElevenLabsTtsStandIn,
    start: { turn: number; firstClause: number } = { turn: 1, firstClause: 0 },
  ) {
    this.turn = start.turn;
    this.firstClause = start.firstClause;
  }

  /** The agent's next turn, up to the clause containing `last`: its clauses joined. */
  async agentSays(last: string): Promise<string> {
    const { stream } = this.call;
    let clauses: string[] = [];
    await stream.until(() => {
      clauses = this.tts.texts().slice(this.firstClause);
      const marks = stream.marksReceived.filter((name) => name.startsWith(`t${this.turn}c`)).length;
      return clauses.some((clause) => clause.includes(last)) && marks === clauses.length;
    }, `the agent to say "${last}" (turn ${this.turn})`);
    this.turn += 1;
    this.firstClause += clauses.length;
    return clauses.join(' ');
  }

  /** The caller says `line`; resolves with the agent's answer up to the clause containing `last`. */
  async say(line: string, last: string): Promise<string> {
    this.call.recognition.utter(line);
    return this.agentSays(last);
  }
}
