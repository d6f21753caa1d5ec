import pg from 'pg';
import type { Logger } from '@crowndesk/domain';
import { migratePostgres } from './migrate';
import { POSTGRES_MIGRATIONS } from './migrations';

export interface PostgresDatabaseOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). Never logged. */
  connectionString: string;
  logger: Logger;
  /** Pool size per process. Default 5: the gateway's queries are short and few per call. */
  maxConnections?: number;
  /** Shown in pg_stat_activity. Default "crowndesk-voice". */
  applicationName?: string;
  /** Bring the schema up to date on open. Default true. */
  migrate?: boolean;
}

/** A pool of connections to the shared PostgreSQL database, used by the PostgreSQL adapters of a process. */
export interface PostgresDatabase {
  readonly pool: pg.Pool;
  readonly logger: Logger;
  /** Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /** True when a connection answers and the schema is at this build's version. Never throws. */
  ping(): Promise<boolean>;
  /** Ends the pool (idempotent). */
  close(): Promise<void>;
}

const PING_TIMEOUT_MS = 2_000;

/**
 * Connects to PostgreSQL and, unless told not to, migrates the schema. Timeouts are set so that a database
 * that hangs fails a query instead of holding a call: 5 s to get a connection, 15 s per statement.
 */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
  const { logger } = options;
  const startedAt = Date.now();
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 5,
    application_name: options.applicationName ?? 'crowndesk-voice',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    query_timeout: 20_000,
  });
  // An idle connection that breaks (server restart, network) is reported here; unhandled, it would crash the process.
  pool.on('error', (error) => logger.warn({ err: errorCode(error) }, 'idle postgres connection failed'));

  try {
    const applied = options.migrate === false ? [] : await migratePostgres(pool, { logger });
    logger.info(
      { schemaVersion: POSTGRES_MIGRATIONS.length, migrationsApplied: applied.length, durationMs: Date.now() - startedAt },
      'postgres database ready',
    );
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error('Cannot prepare the PostgreSQL database', { cause: error });
  }
  return postgresDatabase(pool, logger);
}

function postgresDatabase(pool: pg.Pool, logger: Logger): PostgresDatabase {
  let closed = false;
  return {
    pool,
    logger,
    async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is in an unknown state: destroy it rather than hand it to the next caller.
          broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async ping(): Promise<boolean> {
      if (closed) return false;
      try {
        // pg honours query_timeout per query too; @types/pg declares it on the pool config only.
        const result = await pool.query<{ version: number | null }>({
          text: 'SELECT max(version) AS version FROM schema_migrations',
          query_timeout: PING_TIMEOUT_MS,
        } as pg.QueryConfig);
        return result.rows[0]?.version === POSTGRES_MIGRATIONS.length;
      } catch (error) {
        logger.warn({ err: errorCode(error) }, 'postgres ping failed');
        return false;
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await pool.end();
      logger.info({}, 'postgres pool closed');
    },
  };
}

/** A code for logs: the SQLSTATE or Node error code, never the message (it may quote a value). */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
