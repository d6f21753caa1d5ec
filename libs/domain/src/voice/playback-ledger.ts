/** A clause whose audio has been sent, followed by a mark the transport echoes once it has played. */
export interface SentClause {
  turnId: number;
  text: string;
  mark: string;
}

/**
 * Which sent clauses the caller has heard. The transport plays audio in order and echoes each mark once the
 * audio before it has played, so a returned mark proves its clause (and every earlier one) was heard.
 *
 * When playback is cleared (barge-in), the transport also returns every pending mark, which says nothing
 * about hearing. So clearing cuts all pending clauses at once and their late echoes are ignored: a clause
 * counts as heard only if its mark came back before the clear.
 */
export class PlaybackLedger {
  private readonly pending: SentClause[] = [];
  private readonly cut = new Set<string>();

  /** The clause's audio and then its mark have been sent. */
  sent(clause: SentClause): void {
    this.pending.push(clause);
  }

  /** A mark came back: returns the clauses it proves heard, in order (none for unknown or cut marks). */
  played(mark: string): SentClause[] {
    if (this.cut.delete(mark)) return [];
    const index = this.pending.findIndex((clause) => clause.mark === mark);
    if (index < 0) return [];
    return this.pending.splice(0, index + 1);
  }

  /** Playback was cleared: every pending clause is cut off; returns them. */
  cutAll(): SentClause[] {
    const cut = this.pending.splice(0);
    for (const clause of cut) this.cut.add(clause.mark);
    return cut;
  }

  /** Sent clauses whose mark has not come back yet. */
  get outstanding(): number {
    return this.pending.length;
  }

  isPending(mark: string): boolean {
    return this.pending.some((clause) => clause.mark === mark);
  }
}
