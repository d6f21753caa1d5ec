import { performance } from 'node:perf_hooks';
import type { CallOutcome, TurnSample } from './turn-sample';

/**
 * Runs `calls` calls with `concurrency` of them in progress at any time (closed loop: each call sends its
 * next line as soon as the previous answer completes, and a finished call is replaced at once). Bounded by
 * count and by time: no call starts after `budgetMs`, and a running call stops at its next turn.
 */

export interface LevelPlan {
  concurrency: number;
  calls: number;
  budgetMs: number;
}

export interface LevelResult {
  concurrency: number;
  samples: TurnSample[];
  /** Each call's dialling time, in milliseconds. */
  connects: number[];
  callsPlaced: number;
  /** From the first request to the last answer, in milliseconds. */
  wallMs: number;
  /** True when the time budget, not the call count, ended the level. */
  timeCapped: boolean;
}

export type PlaceCall = (callIndex: number, deadline: number) => Promise<CallOutcome>;

export async function runLevel(plan: LevelPlan, placeCall: PlaceCall): Promise<LevelResult> {
  const startedAt = performance.now();
  const deadline = startedAt + plan.budgetMs;
  const samples: TurnSample[] = [];
  const connects: number[] = [];
  let placed = 0;
  let timeCapped = false;

  const worker = async (): Promise<void> => {
    while (placed < plan.calls) {
      if (performance.now() >= deadline) {
        timeCapped = true;
        return;
      }
      const outcome = await placeCall(placed++, deadline);
      samples.push(...outcome.samples);
      connects.push(outcome.connectMs);
      if (!outcome.finished) timeCapped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(plan.concurrency, plan.calls) }, worker));
  return { concurrency: plan.concurrency, samples, connects, callsPlaced: placed, wallMs: performance.now() - startedAt, timeCapped };
}
