import type { TurnKind } from './caller-dialogue';

/** One timed request: Retell's request (or its echo) and the answer's first and completing frames. */
export interface TurnSample {
  kind: TurnKind;
  requestBytes: number;
  firstMs: number;
  completeMs: number;
}

/** A request frame exactly as sent, so the echo baseline can replay the same bytes. */
export interface RecordedRequest {
  kind: TurnKind;
  text: string;
}

export interface CallOutcome {
  /** Dialling to the open WebSocket, in milliseconds. */
  connectMs: number;
  samples: TurnSample[];
  /** False when the time budget ran out before the dialogue's last turn. */
  finished: boolean;
}

/** How long one answer may take before the benchmark gives up (and fails) rather than hangs. */
export const ANSWER_TIMEOUT_MS = 15_000;
