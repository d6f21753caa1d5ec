import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from '@crowndesk/domain';
import { seedDemoPractice } from '../demo/seed-demo-practice';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export const DATABASE_FILE_NAME = 'crowndesk.db';
/** How long a writer waits for another connection's write transaction before giving up with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export interface EmbeddedDatabaseOptions {
  /** Directory of the database file; created if missing. */
  dataDir: string;
  logger: Logger;
  /** Seed the demo practice (once per file, ever). Default true. */
  seedDemo?: boolean;
  /** The clock for timestamps, the demo seed and "upcoming". Default: the system clock. */
  now?: () => Date;
}

/** One open connection to the embedded database file, shared by the SQLite adapters of a process. */
export interface EmbeddedDatabase {
  /** The better-sqlite3 connection, for sibling adapters. */
  readonly handle: Database.Database;
  /** Absolute path of the database file. */
  readonly file: string;
  readonly logger: Logger;
  now(): Date;
  /** True when the file is open, readable and at this build's schema version. Never throws. */
  ping(): boolean;
  /** Closes the connection (idempotent). */
  close(): void;
}

/**
 * Opens (creating if needed) `<dataDir>/crowndesk.db`, brings its schema up to date and, unless told not to,
 * seeds the demo practice once. Synchronous: call it at startup, before serving.
 *
 * Pragmas: WAL so readers never block the writer; synchronous=FULL because the receptionist tells a caller
 * "you're booked" right after a commit, and under WAL with NORMAL a power loss or OS crash may roll back
 * the last commits (the file stays consistent, but a confirmed booking could vanish). Our write rate is a few
 * transactions per call, so an fsync per commit costs nothing that matters. foreign_keys is per connection
 * and off by default in SQLite; busy_timeout lets two processes on one file queue for the write lock.
 */
export function openEmbeddedDatabase(options: EmbeddedDatabaseOptions): EmbeddedDatabase {
  const startedAt = Date.now();
  const dataDir = resolve(options.dataDir);
  const file = join(dataDir, DATABASE_FILE_NAME);
  const now = options.now ?? (() => new Date());
  const { logger } = options;

  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new Error(`Cannot create the data directory ${dataDir}`, { cause: error });
  }

  let handle: Database.Database;
  try {
    handle = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new Error(`Cannot open the embedded database ${file}`, { cause: error });
  }

  try {
    configure(handle, logger);
    const database = embeddedDatabase(handle, file, logger, now);
    const applied = migrate(handle, { logger, now });
    const seeded = (options.seedDemo ?? true) ? seedDemoPractice(database) : false;
    logger.info(
      { file, schemaVersion: MIGRATIONS.length, migrationsApplied: applied.length, demoSeeded: seeded, durationMs: Date.now() - startedAt },
      'embedded database ready',
    );
    return database;
  } catch (error) {
    handle.close();
    throw new Error(`Cannot prepare the embedded database ${file}`, { cause: error });
  }
}

function configure(handle: Database.Database, logger: Logger): void {
  const journalMode = handle.pragma('journal_mode = WAL', { simple: true });
  if (journalMode !== 'wal') {
    // Some file systems (network mounts) cannot do WAL; SQLite keeps a rollback journal, which is still safe.
    logger.warn({ journalMode }, 'sqlite could not switch to WAL journal mode');
  }
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

function embeddedDatabase(handle: Database.Database, file: string, logger: Logger, now: () => Date): EmbeddedDatabase {
  let schemaVersion: Database.Statement<[], number> | undefined;
  return {
    handle,
    file,
    logger,
    now,
    ping() {
      if (!handle.open) return false;
      try {
        // Reads a page of the file (unlike SELECT 1), so a vanished or locked-out file shows up here.
        schemaVersion ??= handle.prepare<[], number>('SELECT max(version) FROM schema_migrations').pluck();
        return schemaVersion.get() === MIGRATIONS.length;
      } catch (error) {
        logger.warn({ err: errorCode(error) }, 'embedded database ping failed');
        return false;
      }
    },
    close() {
      if (handle.open) {
        handle.close();
        logger.info({ file }, 'embedded database closed');
      }
    },
  };
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
