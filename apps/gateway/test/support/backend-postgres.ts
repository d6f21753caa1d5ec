import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './gateway-process';

/**
 * A PostgreSQL database of its own for a test file: on TEST_DATABASE_URL's server when that is set (CI), else on a
 * throwaway cluster started from the installed server binaries (/usr/lib/postgresql/<major>/bin; as the `postgres`
 * OS user when run as root, since initdb refuses root), else none: the caller skips, loudly.
 */
export interface TestPostgres {
  /** URL of a new, empty database. */
  url: string;
  /** Drops the database (and stops the throwaway cluster). */
  dispose(): Promise<void>;
}

export type TestPostgresSource = { kind: 'url'; adminUrl: string } | { kind: 'binaries'; binDir: string } | { kind: 'none'; why: string };

export function testPostgresSource(): TestPostgresSource {
  const fromEnvironment = process.env['TEST_DATABASE_URL']?.trim();
  if (fromEnvironment) return { kind: 'url', adminUrl: fromEnvironment };
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors[0]) return { kind: 'binaries', binDir: join(root, majors[0], 'bin') };
  return { kind: 'none', why: 'NO POSTGRESQL: set TEST_DATABASE_URL or install the server (apt-get install -y postgresql)' };
}

export async function startTestPostgres(source: Exclude<TestPostgresSource, { kind: 'none' }>): Promise<TestPostgres> {
  const cluster = source.kind === 'binaries' ? await startThrowawayCluster(source.binDir) : undefined;
  const adminUrl = cluster?.url ?? (source as { adminUrl: string }).adminUrl;
  const name = `crowndesk_gateway_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async dispose() {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      cluster?.stop();
    },
  };
}

async function startThrowawayCluster(binDir: string): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'crowndesk-gateway-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(run('id', ['-u', 'postgres']).trim()), Number(run('id', ['-g', 'postgres']).trim()));
  const asOwner = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(binDir, command), ...args]) : run(join(binDir, command), args);
  try {
    asOwner('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off`;
    asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        spawnSync(asRoot ? 'runuser' : join(binDir, 'pg_ctl'), [
          ...(asRoot ? ['-u', 'postgres', '--', join(binDir, 'pg_ctl')] : []),
          ...['-D', data, '-m', 'immediate', '-w', 'stop'],
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
  if (result.status !== 0) throw new Error(`${command} failed (${result.status ?? result.signal}): ${result.stderr || result.error?.message}`);
  return result.stdout;
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

/** Rows of the shared outbox, for assertions. */
export async function outboxRows(url: string): Promise<{ topic: string; idempotency_key: string; status: string; attempts: number }[]> {
  return withClient(url, async (client) => {
    const result = await client.query<{ topic: string; idempotency_key: string; status: string; attempts: number }>(
      'SELECT topic, idempotency_key, status, attempts FROM outbox_messages ORDER BY created_at, id',
    );
    return result.rows;
  });
}
