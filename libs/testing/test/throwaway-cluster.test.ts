import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findPostgresBinaries, locateTestPostgres, startThrowawayCluster } from '../src';

const temp: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fake /usr/lib/postgresql with these majors installed (and one without initdb). */
function fakeInstall(majors: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'fake-pg-'));
  temp.push(root);
  for (const major of majors) {
    mkdirSync(join(root, major, 'bin'), { recursive: true });
    writeFileSync(join(root, major, 'bin', 'initdb'), '');
  }
  mkdirSync(join(root, '99', 'bin'), { recursive: true }); // no initdb: not a server install
  return root;
}

function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('finding a PostgreSQL server for the tests', () => {
  it('picks the newest installed major that has server binaries', () => {
    expect(findPostgresBinaries(fakeInstall(['9', '15', '17']))).toMatch(/\/17\/bin$/);
    expect(findPostgresBinaries(fakeInstall([]))).toBeNull();
    expect(findPostgresBinaries('/nonexistent/postgresql')).toBeNull();
  });

  it('prefers TEST_DATABASE_URL when it is set', () => {
    vi.stubEnv('TEST_DATABASE_URL', ' postgres://ci@127.0.0.1:5432/postgres ');
    expect(locateTestPostgres()).toEqual({ kind: 'url', adminUrl: 'postgres://ci@127.0.0.1:5432/postgres' });
  });
});

const binDir = findPostgresBinaries();

describe.skipIf(!binDir)('a throwaway cluster', () => {
  it('serves on a loopback port until stopped', async () => {
    const cluster = await startThrowawayCluster(binDir!);
    try {
      expect(cluster.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(await accepts(cluster.url)).toBe(true);
    } finally {
      cluster.stop();
    }
    expect(await accepts(cluster.url)).toBe(false);
  }, 60_000);
});
