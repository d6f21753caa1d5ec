import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openEmbeddedDatabase } from '../src';
import { migrate } from '../src/database/migrate';
import { MIGRATIONS, type Migration } from '../src/database/migrations';
import { useTempDatabase } from './support/temp-database';

const appliedVersions = (handle: Database.Database) =>
  handle.prepare<[], number>('SELECT version FROM schema_migrations ORDER BY version').pluck().all();

describe('schema migrations', () => {
  const fixture = useTempDatabase();

  it('creates the data directory and applies every migration once, in order', () => {
    const dataDir = join(fixture.dataDir, 'nested', 'data');
    const database = fixture.open({ dataDir });

    expect(existsSync(join(dataDir, DATABASE_FILE_NAME))).toBe(true);
    expect(database.file).toBe(join(dataDir, DATABASE_FILE_NAME));
    expect(appliedVersions(database.handle)).toEqual(MIGRATIONS.map((migration) => migration.version));
    const tables = database.handle
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'practices',
        'practice_phone_numbers',
        'practice_voice_agents',
        'patients',
        'appointments',
        'operation_results',
        'call_records',
        'seed_runs',
        'schema_migrations',
      ]),
    );
    expect(fixture.logger.messages().filter((message) => message === 'sqlite migration applied')).toHaveLength(
      MIGRATIONS.length,
    );
  });

  it('applies nothing again when the file is reopened', () => {
    fixture.open().close();
    const before = fixture.logger.entries.length;

    const reopened = fixture.open();

    const logged = fixture.logger.messages().slice(before);
    expect(logged).not.toContain('sqlite migration applied');
    expect(appliedVersions(reopened.handle)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it('applies a migration appended by a later build exactly once', () => {
    const database = fixture.open();
    const next: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'add_patient_preferred_language',
      sql: 'ALTER TABLE patients ADD COLUMN preferred_language TEXT',
    };
    const options = { logger: fixture.logger, now: () => fixture.now, migrations: [...MIGRATIONS, next] };

    expect(migrate(database.handle, options)).toEqual([next.version]);
    expect(migrate(database.handle, options)).toEqual([]);
    const columns = database.handle.prepare<[], string>("SELECT name FROM pragma_table_info('patients')").pluck().all();
    expect(columns).toContain('preferred_language');
  });

  it('rolls back a failing migration entirely and records nothing for it', () => {
    const database = fixture.open();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'half_broken',
      sql: 'CREATE TABLE reminders (id TEXT PRIMARY KEY); INSERT INTO no_such_table VALUES (1);',
    };

    expect(() =>
      migrate(database.handle, { logger: fixture.logger, now: () => fixture.now, migrations: [...MIGRATIONS, broken] }),
    ).toThrow(`Migration ${broken.version} (half_broken) failed`);
    expect(appliedVersions(database.handle)).not.toContain(broken.version);
    const reminders = database.handle.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'reminders'").get();
    expect(reminders).toBeUndefined();
  });

  it('refuses a shipped migration whose SQL was edited afterwards', () => {
    const database = fixture.open();
    const edited = MIGRATIONS.map((migration) =>
      migration.version === 1 ? { ...migration, sql: `${migration.sql}\nCREATE TABLE sneaky (id TEXT);` } : migration,
    );

    expect(() => migrate(database.handle, { logger: fixture.logger, now: () => fixture.now, migrations: edited })).toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(/changed after it was applied/) }) }),
    );
  });

  it('refuses to open a file whose schema is newer than this build', () => {
    const database = fixture.open();
    database.handle
      .prepare("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (99, 'future', 'x', 'now')")
      .run();
    database.close();

    expect(() => openEmbeddedDatabase({ dataDir: fixture.dataDir, logger: fixture.logger })).toThrow(
      expect.objectContaining({ cause: expect.objectContaining({ message: expect.stringMatching(/version 99, newer/) }) }),
    );
  });

  it('sets WAL, FULL synchronous, foreign keys and a busy timeout on the connection', () => {
    const { handle } = fixture.open();

    expect(handle.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(handle.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(handle.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('stores instants only in the canonical UTC form that sorts as text', () => {
    const { handle } = fixture.open();
    const insert = handle.prepare(
      `INSERT INTO call_records (call_id, practice_id, channel, started_at, ended_at, outcome, transcript, appointment_ids, recorded_at)
       VALUES ('c1', 'bright-smile', 'simulator', ?, '2026-06-01T13:05:00.000Z', 'no_action', '[]', '[]', '2026-06-01T13:05:00.000Z')`,
    );

    expect(() => insert.run('2026-06-01T09:00:00-04:00')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('2026-06-01T13:00:00Z')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('2026-02-30T13:00:00.000Z')).toThrow(/CHECK constraint failed/);
    expect(insert.run('2026-06-01T13:00:00.000Z').changes).toBe(1);
  });
});
