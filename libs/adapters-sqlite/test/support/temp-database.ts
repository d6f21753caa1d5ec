import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { RecordingLogger } from '@crowndesk/testing';
import { openEmbeddedDatabase, type EmbeddedDatabase } from '../../src';

/** Monday 2026-06-01, 09:00 in New York: the demo practice has just opened. */
export const MONDAY_9AM_NEW_YORK = new Date('2026-06-01T13:00:00.000Z');

export interface DatabaseFixture {
  /** A fresh, empty temp directory for this test (removed afterwards). */
  readonly dataDir: string;
  readonly logger: RecordingLogger;
  /** The fixture's clock: tests may move it. */
  now: Date;
  /** Opens (another connection to) the database in `dataDir`; closed after the test. */
  open(options?: { seedDemo?: boolean; dataDir?: string }): EmbeddedDatabase;
}

/** Real database files in a fresh temp directory per test; every connection is closed and the directory removed. */
export function useTempDatabase(): DatabaseFixture {
  const opened: EmbeddedDatabase[] = [];
  let dataDir = '';
  let logger = new RecordingLogger();
  const fixture: DatabaseFixture = {
    get dataDir() {
      return dataDir;
    },
    get logger() {
      return logger;
    },
    now: MONDAY_9AM_NEW_YORK,
    open(options = {}) {
      const database = openEmbeddedDatabase({
        dataDir: options.dataDir ?? dataDir,
        logger,
        seedDemo: options.seedDemo ?? true,
        now: () => fixture.now,
      });
      opened.push(database);
      return database;
    },
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'crowndesk-sqlite-'));
    logger = new RecordingLogger();
    fixture.now = MONDAY_9AM_NEW_YORK;
  });
  afterEach(() => {
    for (const database of opened.splice(0)) database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return fixture;
}
