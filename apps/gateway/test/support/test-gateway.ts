import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseConfig } from '../../src/config';
import { startGateway, type GatewayOverrides, type RunningGateway } from '../../src/server';

/** A real gateway on an ephemeral loopback port, with a fresh data directory and captured JSON logs. */
export interface TestGateway {
  gateway: RunningGateway;
  dataDir: string;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  http(path: string): string;
  ws(path: string): string;
  close(): Promise<void>;
}

export async function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'crowndesk-gateway-'));
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

export async function startTestGateway(
  options: { dataDir?: string; env?: Record<string, string>; overrides?: GatewayOverrides } = {},
): Promise<TestGateway> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const logs: Record<string, unknown>[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  // No vendor variables: embedded SQLite and the built-in engine, exactly as `npm start` runs by default.
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'debug',
    SHUTDOWN_GRACE_MS: '1000',
    ...options.env,
  });
  const gateway = await startGateway(config, { logDestination, ...options.overrides });
  return {
    gateway,
    dataDir,
    logs,
    http: (path) => `${gateway.url}${path}`,
    ws: (path) => `${gateway.url.replace(/^http/, 'ws')}${path}`,
    close: () => gateway.close(),
  };
}
