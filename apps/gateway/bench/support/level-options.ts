import { parseArgs } from 'node:util';
import { z } from 'zod';

/** The command line both benchmarks share: `--quick`, `--levels <list>` and `--help`. */
export interface LevelOptions {
  quick: boolean;
  /** Simultaneous calls (or streams) per level. */
  levels: number[];
}

/**
 * Returns null when help was asked for; throws with a readable message on bad input. `defaults` are the
 * levels without --levels (full and quick run); `unit` names what a level counts in the messages.
 */
export function parseLevelOptions(argv: string[], defaults: { full: string; quick: string }, unit: string): LevelOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, levels: { type: 'string' }, help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const quick = values.quick;
  const levelsSchema = z
    .string()
    .regex(/^\d+(,\d+)*$/, `--levels must be numbers separated by commas, e.g. ${defaults.full}`)
    .transform((text) => text.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(200, `--levels: at most 200 simultaneous ${unit}`)).min(1).max(5));
  const levels = levelsSchema.safeParse(values.levels ?? (quick ? defaults.quick : defaults.full));
  if (!levels.success) throw new Error(levels.error.issues.map((issue) => issue.message).join('\n'));
  return { quick, levels: levels.data };
}
