import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Logger } from '@crowndesk/domain';
import { type Migration, MIGRATIONS } from './migrations';
import { toUtcInstant } from './utc-instant';

interface AppliedMigrationRow {
  version: number;
  name: string;
  checksum: string;
}

export interface MigrateOptions {
  logger: Logger;
  now: () => Date;
  /** Defaults to the schema of this build; tests pass their own list. */
  migrations?: readonly Migration[];
}

/**
 * Brings the schema up to date. Each pending migration runs in its own IMMEDIATE transaction and re-checks
 * `schema_migrations` inside it, so two processes opening the same file at once never apply one twice.
 * Returns the versions applied by this call.
 */
export function migrate(handle: Database.Database, options: MigrateOptions): number[] {
  const migrations = options.migrations ?? MIGRATIONS;
  assertWellOrdered(migrations);

  handle.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      checksum   TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT
  `);
  const findApplied = handle.prepare<[number], AppliedMigrationRow>(
    'SELECT version, name, checksum FROM schema_migrations WHERE version = ?',
  );
  const recordApplied = handle.prepare<[number, string, string, string]>(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const newestApplied = handle.prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_migrations');

  const newestKnown = migrations.at(-1)?.version ?? 0;
  const newestInFile = newestApplied.get()?.version ?? 0;
  if (newestInFile > newestKnown) {
    throw new Error(
      `Database schema is at version ${newestInFile}, newer than this build knows (${newestKnown}): refusing to run an older build against it`,
    );
  }

  const applyOne = handle.transaction((migration: Migration): boolean => {
    const checksum = checksumOf(migration);
    const applied = findApplied.get(migration.version);
    if (applied) {
      if (applied.checksum !== checksum) {
        throw new Error(
          `Migration ${migration.version} (${migration.name}) was changed after it was applied: add a new migration instead`,
        );
      }
      return false;
    }
    handle.exec(migration.sql);
    recordApplied.run(migration.version, migration.name, checksum, toUtcInstant(options.now()));
    return true;
  });

  const appliedNow: number[] = [];
  for (const migration of migrations) {
    const startedAt = Date.now();
    let applied: boolean;
    try {
      applied = applyOne.immediate(migration);
    } catch (error) {
      throw new Error(`Migration ${migration.version} (${migration.name}) failed`, { cause: error });
    }
    if (applied) {
      appliedNow.push(migration.version);
      options.logger.info(
        { version: migration.version, migration: migration.name, durationMs: Date.now() - startedAt },
        'sqlite migration applied',
      );
    }
  }
  return appliedNow;
}

function assertWellOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1..n without gaps: found version ${migration.version} at position ${index + 1}`);
    }
  });
}

/** Whitespace-insensitive, so re-indenting a shipped migration does not count as changing it. */
function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql.replace(/\s+/g, ' ').trim()).digest('hex');
}
