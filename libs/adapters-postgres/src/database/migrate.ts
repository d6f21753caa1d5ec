import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from '@crowndesk/domain';
import { type PostgresMigration, POSTGRES_MIGRATIONS } from './migrations';

/** Any fixed number: the advisory lock that serialises migrators of one database across machines. */
const MIGRATION_LOCK = 7_302_118_455;

export interface MigrateOptions {
  logger: Logger;
  /** Defaults to the schema of this build; tests pass their own list. */
  migrations?: readonly PostgresMigration[];
}

/**
 * Brings the schema up to date. Several gateway machines may start at once: a session advisory lock lets one
 * migrate while the others wait, and then find nothing left to do. Each migration runs in its own
 * transaction. Returns the versions applied by this call.
 */
export async function migratePostgres(pool: Pool, options: MigrateOptions): Promise<number[]> {
  const migrations = options.migrations ?? POSTGRES_MIGRATIONS;
  assertWellOrdered(migrations);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      return await migrateLocked(client, migrations, options.logger);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function migrateLocked(client: PoolClient, migrations: readonly PostgresMigration[], logger: Logger): Promise<number[]> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  const applied = new Map(
    (await client.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations')).rows.map(
      (row) => [row.version, row.checksum],
    ),
  );
  const newestKnown = migrations.at(-1)?.version ?? 0;
  const newestInDatabase = Math.max(0, ...applied.keys());
  if (newestInDatabase > newestKnown) {
    throw new Error(
      `Database schema is at version ${newestInDatabase}, newer than this build knows (${newestKnown}): refusing to run an older build against it`,
    );
  }

  const appliedNow: number[] = [];
  for (const migration of migrations) {
    const checksum = checksumOf(migration);
    const existing = applied.get(migration.version);
    if (existing !== undefined) {
      if (existing !== checksum) {
        throw new Error(`Migration ${migration.version} (${migration.name}) was changed after it was applied: add a new migration instead`);
      }
      continue;
    }
    const startedAt = Date.now();
    try {
      await client.query('BEGIN');
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksum,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      // The migration's own error is what matters; a failed ROLLBACK (connection gone) adds nothing to it.
      await client.query('ROLLBACK').catch(() => undefined);
      throw new Error(`Migration ${migration.version} (${migration.name}) failed`, { cause: error });
    }
    appliedNow.push(migration.version);
    logger.info({ version: migration.version, migration: migration.name, durationMs: Date.now() - startedAt }, 'postgres migration applied');
  }
  return appliedNow;
}

function assertWellOrdered(migrations: readonly PostgresMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1..n without gaps: found version ${migration.version} at position ${index + 1}`);
    }
  });
}

/** Whitespace-insensitive, so re-indenting a shipped migration does not count as changing it. */
function checksumOf(migration: PostgresMigration): string {
  return createHash('sha256').update(migration.sql.replace(/\s+/g, ' ').trim()).digest('hex');
}
