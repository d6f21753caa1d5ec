/**
 * Throughput of several functions measured in interleaved rounds (A B C D, A B C D, ...), so that a noisy
 * neighbour slows every case alike, and ratios to the baseline are taken within each round before the
 * median is. Batches are sized once so that each lasts about `batchMs`.
 */

export interface TimedCase {
  name: string;
  run(): number;
}

export interface CaseResult {
  name: string;
  /** Operations per second: median over rounds, and the 10th and 90th percentiles. */
  opsPerSecond: { median: number; p10: number; p90: number };
  /** This case's time per operation over the baseline's, median over rounds. */
  timeRatio: number;
}

export interface TimerPlan {
  rounds: number;
  batchMs: number;
}

export function measureInterleaved(cases: TimedCase[], baselineName: string, plan: TimerPlan): { results: CaseResult[]; checksum: number } {
  let checksum = 0;
  const batchSizes = cases.map((timedCase) => {
    // Warm up and calibrate: grow the batch until it takes a tenth of the target.
    let size = 1;
    for (;;) {
      const started = performance.now();
      for (let index = 0; index < size; index++) checksum += timedCase.run();
      const elapsed = performance.now() - started;
      if (elapsed >= plan.batchMs / 10) return Math.max(1, Math.round((size * plan.batchMs) / elapsed));
      size *= 2;
    }
  });

  const perRound = cases.map(() => [] as number[]);
  // Round -1 is a full-size warm-up of every case, not recorded.
  for (let round = -1; round < plan.rounds; round++) {
    cases.forEach((timedCase, caseIndex) => {
      const size = batchSizes[caseIndex] ?? 1;
      const started = performance.now();
      for (let index = 0; index < size; index++) checksum += timedCase.run();
      if (round >= 0) perRound[caseIndex]?.push((size / (performance.now() - started)) * 1000);
    });
  }

  const baselineIndex = cases.findIndex((timedCase) => timedCase.name === baselineName);
  const baseline = perRound[baselineIndex];
  if (!baseline) throw new Error(`no case named ${baselineName}`);
  const results = cases.map((timedCase, caseIndex) => {
    const rates = perRound[caseIndex] ?? [];
    // Time ratio = baseline rate / our rate, paired within each round.
    const ratios = rates.map((rate, round) => (baseline[round] ?? Number.NaN) / rate);
    return {
      name: timedCase.name,
      opsPerSecond: { median: quantile(rates, 0.5), p10: quantile(rates, 0.1), p90: quantile(rates, 0.9) },
      timeRatio: quantile(ratios, 0.5),
    };
  });
  return { results, checksum };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? Number.NaN;
}
