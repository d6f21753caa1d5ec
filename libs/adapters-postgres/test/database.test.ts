import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '@crowndesk/testing';
import { migratePostgres, openPostgresDatabase, postgresConfigFrom, POSTGRES_MIGRATIONS, type PostgresMigration } from '../src';
import { POSTGRES_ADMIN_URL, usePostgresDatabase } from './support/test-database';

describe('postgresConfigFrom', () => {
  it('means "embedded SQLite" when DATABASE_URL is unset or empty', () => {
    expect(postgresConfigFrom({})).toBeNull();
    expect(postgresConfigFrom({ DATABASE_URL: '  ' })).toBeNull();
  });

  it('takes a postgres URL, and refuses anything else without echoing it (it holds a password)', () => {
    expect(postgresConfigFrom({ DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/crowndesk' })).toEqual({
      connectionString: 'postgres://app:s3cret@db.internal:5432/crowndesk',
    });
    expect(postgresConfigFrom({ DATABASE_URL: 'postgresql://db/crowndesk' })).toEqual({ connectionString: 'postgresql://db/crowndesk' });
    expect(() => postgresConfigFrom({ DATABASE_URL: 'mysql://app:s3cret@db/crowndesk' })).toThrow(
      'DATABASE_URL: expected a postgres:// or postgresql:// URL',
    );
    expect(() => postgresConfigFrom({ DATABASE_URL: 'mysql://app:s3cret@db/crowndesk' })).not.toThrow(/s3cret/);
  });
});

describe.skipIf(!POSTGRES_ADMIN_URL)('PostgreSQL database', () => {
  const fixture = usePostgresDatabase();

  const applied = async (url: string) => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      return (await pool.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
    } finally {
      await pool.end();
    }
  };

  it('migrates a new database once, recording every migration', async () => {
    const url = await fixture.createDatabase();
    const logger = new RecordingLogger();
    const first = await openPostgresDatabase({ connectionString: url, logger });
    await first.close();
    const again = await openPostgresDatabase({ connectionString: url, logger });
    await again.close();

    expect(await applied(url)).toEqual(POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })));
    const appliedLogs = logger.entries.filter((entry) => entry.message === 'postgres migration applied');
    expect(appliedLogs.map((entry) => entry.fields['version'])).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
  });

  it('lets several machines starting at once migrate exactly once between them', async () => {
    const url = await fixture.createDatabase();
    const logger = new RecordingLogger();
    const databases = await Promise.all(Array.from({ length: 4 }, () => openPostgresDatabase({ connectionString: url, logger })));
    await Promise.all(databases.map((database) => database.close()));

    expect(await applied(url)).toHaveLength(POSTGRES_MIGRATIONS.length);
    expect(logger.entries.filter((entry) => entry.message === 'postgres migration applied')).toHaveLength(POSTGRES_MIGRATIONS.length);
  });

  it('rolls back a failing migration entirely and records nothing for it', async () => {
    const database = await fixture.open();
    const broken: PostgresMigration = {
      version: POSTGRES_MIGRATIONS.length + 1,
      name: 'half_broken',
      sql: 'CREATE TABLE reminders (id text PRIMARY KEY); INSERT INTO no_such_table VALUES (1);',
    };

    await expect(migratePostgres(database.pool, { logger: fixture.logger, migrations: [...POSTGRES_MIGRATIONS, broken] })).rejects.toThrow(
      `Migration ${broken.version} (half_broken) failed`,
    );
    expect((await fixture.sql("SELECT to_regclass('reminders') AS table")).rows).toEqual([{ table: null }]);
    expect((await fixture.sql('SELECT max(version) AS version FROM schema_migrations')).rows).toEqual([
      { version: POSTGRES_MIGRATIONS.length },
    ]);
  });

  it('refuses a shipped migration edited afterwards, and a schema newer than the build', async () => {
    const database = await fixture.open();
    const edited = POSTGRES_MIGRATIONS.map((migration) =>
      migration.version === 1 ? { ...migration, sql: `${migration.sql}\nCREATE TABLE sneaky (id text);` } : migration,
    );
    await expect(migratePostgres(database.pool, { logger: fixture.logger, migrations: edited })).rejects.toThrow(
      'Migration 1 (create_outbox) was changed after it was applied',
    );

    await fixture.sql("INSERT INTO schema_migrations (version, name, checksum) VALUES (99, 'future', 'x')");
    await expect(openPostgresDatabase({ connectionString: fixture.url, logger: fixture.logger })).rejects.toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(/version 99, newer/) }) }),
    );
    await fixture.sql('DELETE FROM schema_migrations WHERE version = 99');
  });

  it('answers the health ping, and says false without throwing once the pool is closed or the schema is behind', async () => {
    const url = await fixture.createDatabase();
    const database = await openPostgresDatabase({ connectionString: url, logger: fixture.logger });
    expect(await database.ping()).toBe(true);

    await database.pool.query('DELETE FROM schema_migrations WHERE version = $1', [POSTGRES_MIGRATIONS.length]);
    expect(await database.ping()).toBe(false);
    await database.close();
    expect(await database.ping()).toBe(false);
    await database.close(); // idempotent
  });

  it('reports an unreachable server as a failed ping, naming no password', async () => {
    const database = await openPostgresDatabase({
      connectionString: 'postgres://app:s3cret@127.0.0.1:9/crowndesk',
      logger: fixture.logger,
      migrate: false,
    });
    try {
      expect(await database.ping()).toBe(false);
    } finally {
      await database.close();
    }
    expect(fixture.logger.dump()).not.toContain('s3cret');
    expect(fixture.logger.entries.at(-2)).toMatchObject({ message: 'postgres ping failed', fields: { err: 'ECONNREFUSED' } });
  });
});
