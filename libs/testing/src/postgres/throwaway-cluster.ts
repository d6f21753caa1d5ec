import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeServer, listenOnLoopback } from '../net/loopback';

/**
 * A PostgreSQL server of our own for the tests: a new cluster in a temp directory, on 127.0.0.1 and a free
 * port, trusting local connections, with durability off (the tests are about our SQL, not the disk).
 * initdb refuses to run as root, so as root it runs as the `postgres` OS user the Debian package creates.
 */
export interface ThrowawayCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  /** Stops the server at once and deletes the cluster. */
  stop(): void;
}

/** Where the tests get a PostgreSQL server from. */
export type TestPostgresSource =
  | { kind: 'url'; adminUrl: string }
  | { kind: 'binaries'; binDir: string }
  | { kind: 'none'; why: string };

/** TEST_DATABASE_URL when set (CI), else the installed server binaries (for a throwaway cluster), else none. */
export function locateTestPostgres(): TestPostgresSource {
  const fromEnvironment = process.env['TEST_DATABASE_URL']?.trim();
  if (fromEnvironment) return { kind: 'url', adminUrl: fromEnvironment };
  const binDir = findPostgresBinaries();
  if (binDir) return { kind: 'binaries', binDir };
  return { kind: 'none', why: 'NO POSTGRESQL SERVER: set TEST_DATABASE_URL or install the server (apt-get install -y postgresql).' };
}

/** The newest PostgreSQL server binaries installed the Debian way (/usr/lib/postgresql/<major>/bin). */
export function findPostgresBinaries(root = '/usr/lib/postgresql'): string | null {
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : null;
}

export async function startThrowawayCluster(binDir: string): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'crowndesk-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(run('id', ['-u', 'postgres']).trim());
    const gid = Number(run('id', ['-g', 'postgres']).trim());
    chownSync(dir, uid, gid);
  }
  const runAsOwner = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(binDir, command), ...args]) : run(join(binDir, command), args);

  try {
    runAsOwner('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = [
      `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir}`,
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
    ].join(' ');
    runAsOwner('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        spawnSync(asRoot ? 'runuser' : join(binDir, 'pg_ctl'), [
          ...(asRoot ? ['-u', 'postgres', '--', join(binDir, 'pg_ctl')] : []),
          '-D',
          data,
          '-m',
          'immediate',
          '-w',
          'stop',
        ]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.error?.message}`);
  }
  return result.stdout;
}

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listenOnLoopback(probe);
  await closeServer(probe);
  return port;
}
