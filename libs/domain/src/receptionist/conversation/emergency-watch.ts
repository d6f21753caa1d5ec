import type { Utterance } from '../../model';
import { detectDentalEmergency, type DentalEmergencyKind } from './dental-emergency';

/**
 * Watches one call's caller speech for a dental emergency, so it is routed exactly once.
 * Each check screens only what is new since the previous one, plus the last caller utterance seen,
 * which transports may still extend while the caller keeps talking.
 */
export class EmergencyWatch {
  private screenedUpTo = 0;
  private routed = false;

  /** The emergency in the caller's new words, if any and not routed yet. */
  check(transcript: readonly Utterance[]): DentalEmergencyKind | null {
    if (this.routed) return null;
    const from = Math.max(0, Math.min(this.screenedUpTo, transcript.length) - 1);
    for (const utterance of transcript.slice(from)) {
      if (utterance.speaker !== 'caller') continue;
      const kind = detectDentalEmergency(utterance.text);
      // Not marked as screened: if routing is interrupted, the next turn finds it again.
      if (kind) return kind;
    }
    this.screenedUpTo = transcript.length;
    return null;
  }

  /** The call was handed to the on-call dentist: never route it again. */
  markRouted(): void {
    this.routed = true;
  }
}
