import { z } from 'zod';

/** Parses input at the edge; the error names what was wrong but never echoes the values (they may be PHI). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new Error(`Invalid ${what}: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return parsed.data;
}
