import type { TestProject } from 'vitest/node';
import { locateTestPostgres, startThrowawayCluster } from '@crowndesk/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of a PostgreSQL server the tests may create databases on; null: none, suites skip. */
    postgresAdminUrl: string | null;
  }
}

/**
 * Finds a PostgreSQL server for the tests: TEST_DATABASE_URL (CI's .ci/services sets it), else a throwaway
 * cluster started from the installed server binaries, else none: the PostgreSQL suites are then SKIPPED, and
 * this says so loudly. With CROWNDESK_REQUIRE_POSTGRES=1 (CI), having none is an error instead.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const source = locateTestPostgres();
  if (source.kind === 'url') {
    project.provide('postgresAdminUrl', source.adminUrl);
    return undefined;
  }
  if (source.kind === 'none') {
    if (process.env['CROWNDESK_REQUIRE_POSTGRES'] === '1') throw new Error(`${source.why} CROWNDESK_REQUIRE_POSTGRES=1: failing.`);
    const message = `${source.why} The PostgreSQL adapter suites are SKIPPED and prove nothing in this run.`;
    console.warn(`\n${'!'.repeat(100)}\n${message}\n${'!'.repeat(100)}\n`);
    project.provide('postgresAdminUrl', null);
    return undefined;
  }
  const startedAt = Date.now();
  const cluster = await startThrowawayCluster(source.binDir);
  console.info(`throwaway PostgreSQL cluster from ${source.binDir} ready in ${Date.now() - startedAt} ms`);
  project.provide('postgresAdminUrl', cluster.url);
  return () => cluster.stop();
}
