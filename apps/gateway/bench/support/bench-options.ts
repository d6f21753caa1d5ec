import { parseLevelOptions } from './level-options';
import type { LevelPlan } from './load-level';

export const USAGE = `Usage: npx nx run gateway:bench [-- --quick] [-- --levels 1,10,50]

Retell turn overhead of the real gateway (built-in engine, embedded SQLite) against a ws echo server
measured in the same run, at several numbers of simultaneous calls.

  --quick            a smoke run (a few seconds)
  --levels <list>    simultaneous calls per level, comma-separated (default 1,10,50; quick 1,10)
`;

export interface BenchPlan {
  mode: 'full' | 'quick';
  /** Untimed gateway and echo calls before measuring (JIT, SQLite page cache, chrono's grammar). */
  warmupCalls: number;
  gateway: LevelPlan[];
  echo: LevelPlan[];
}

/** Calls per level (6 timed requests each): several hundred samples for a p99, and rounds of callers. */
function callsFor(concurrency: number, quick: boolean): number {
  if (quick) return Math.max(5, concurrency);
  return Math.max(100, concurrency * 6);
}

/** Returns null when help was asked for. */
export function parseBenchOptions(argv: string[]): BenchPlan | null {
  const options = parseLevelOptions(argv, { full: '1,10,50', quick: '1,10' }, 'calls');
  if (!options) return null;
  const { quick, levels } = options;
  // Budgets keep a full run under a minute on a loaded 2-core machine; the call counts usually end first.
  const gatewayBudgetMs = (quick ? 4_000 : 36_000) / levels.length;
  const echoBudgetMs = (quick ? 1_000 : 9_000) / levels.length;
  const plan = (budgetMs: number) => levels.map((concurrency) => ({ concurrency, calls: callsFor(concurrency, quick), budgetMs }));
  return { mode: quick ? 'quick' : 'full', warmupCalls: quick ? 2 : 5, gateway: plan(gatewayBudgetMs), echo: plan(echoBudgetMs) };
}
