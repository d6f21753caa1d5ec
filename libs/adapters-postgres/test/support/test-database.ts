import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { RecordingLogger } from '@crowndesk/testing';
import { openPostgresDatabase, type PostgresDatabase } from '../../src';

/** The server the global setup found or started; null when there is none (the suites skip). */
export const POSTGRES_ADMIN_URL = inject('postgresAdminUrl');

/** Monday 2026-06-01, 09:00 in New York. */
export const T0 = new Date('2026-06-01T13:00:00.000Z');

export interface PostgresFixture {
  /** URL of this test file's own database. */
  readonly url: string;
  readonly logger: RecordingLogger;
  /** The fixture's clock: tests may move it. */
  now: Date;
  /** Opens (another pool on) this file's database, migrated; closed after the test. */
  open(options?: { migrate?: boolean }): Promise<PostgresDatabase>;
  /** A plain client on this file's database, for setup and checks; closed after the test. */
  sql(text: string, params?: unknown[]): Promise<pg.QueryResult>;
  /** Another new, empty database on the test server (dropped after the file); its URL. */
  createDatabase(): Promise<string>;
}

/**
 * A fresh database per test file on the test server (dropped afterwards), emptied before each test, so files
 * run in parallel without seeing each other. Call inside a `describe.skipIf(!POSTGRES_ADMIN_URL)`.
 */
export function usePostgresDatabase(): PostgresFixture {
  const name = databaseName();
  const extraDatabases: string[] = [];
  const opened: PostgresDatabase[] = [];
  let url = '';
  let logger = new RecordingLogger();
  let checks: pg.Pool | undefined;

  const fixture: PostgresFixture = {
    get url() {
      return url;
    },
    get logger() {
      return logger;
    },
    now: T0,
    async open(options = {}) {
      const database = await openPostgresDatabase({ connectionString: url, logger, migrate: options.migrate ?? true });
      opened.push(database);
      return database;
    },
    sql(text, params = []) {
      checks ??= new pg.Pool({ connectionString: url, max: 2 });
      return checks.query(text, params);
    },
    async createDatabase() {
      const extra = databaseName();
      await withClient(adminUrl(), (client) => client.query(`CREATE DATABASE ${extra}`));
      extraDatabases.push(extra);
      return urlOf(extra);
    },
  };

  beforeAll(async () => {
    await withClient(adminUrl(), (client) => client.query(`CREATE DATABASE ${name}`));
    url = urlOf(name);
  });
  beforeEach(async () => {
    logger = new RecordingLogger();
    fixture.now = T0;
    const setup = await fixture.open();
    await setup.pool.query(`
      DROP TRIGGER IF EXISTS fail_insert ON outbox_messages;
      DROP TRIGGER IF EXISTS fail_insert ON call_records;
      TRUNCATE outbox_messages, call_records, call_bookings`);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.close()));
  });
  afterAll(async () => {
    await checks?.end();
    const names = url ? [name, ...extraDatabases] : extraDatabases;
    await withClient(adminUrl(), async (client) => {
      await untilDisconnected(client, names);
      for (const database of names) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
  });

  return fixture;
}

function databaseName(): string {
  return `crowndesk_test_${randomBytes(6).toString('hex')}`;
}

function urlOf(database: string): string {
  const target = new URL(adminUrl());
  target.pathname = `/${database}`;
  return target.toString();
}

function adminUrl(): string {
  if (!POSTGRES_ADMIN_URL) throw new Error('no PostgreSQL server for the tests');
  return POSTGRES_ADMIN_URL;
}

/**
 * Waits (a second at most) until no session is left on these databases. pg's Pool.end() resolves before its
 * sockets have closed, and DROP DATABASE ... WITH (FORCE) would terminate a session still closing: its client
 * then throws "terminating connection due to administrator command" outside any test.
 */
async function untilDisconnected(client: pg.Client, databases: string[]): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()',
      [databases],
    );
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A real failure inside a transaction: the database refuses inserts into `table`. */
export async function failInsertsInto(fixture: PostgresFixture, table: string): Promise<void> {
  await fixture.sql(`
    CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'disk full'; END $$;
    CREATE TRIGGER fail_insert BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_insert();`);
}
