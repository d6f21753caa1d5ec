import { z } from 'zod';

/** A PostgreSQL connection URL (`postgres://` or `postgresql://`), e.g. Fly's `DATABASE_URL`. Never logged. */
export const databaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    message: 'expected a postgres:// or postgresql:// URL',
  });

export interface PostgresConfig {
  connectionString: string;
}

/**
 * The database configuration from the environment: `DATABASE_URL` set means "use PostgreSQL" (several gateway
 * machines sharing the work); unset means the embedded SQLite database. Errors name the variable, not its
 * value (it holds a password).
 */
export function postgresConfigFrom(environment: Record<string, string | undefined>): PostgresConfig | null {
  const raw = environment['DATABASE_URL'];
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = databaseUrlSchema.safeParse(raw);
  if (!parsed.success) throw new Error('DATABASE_URL: expected a postgres:// or postgresql:// URL');
  return { connectionString: parsed.data };
}
