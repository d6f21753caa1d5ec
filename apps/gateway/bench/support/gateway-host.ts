import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { startGateway, type GatewayOverrides } from '../../src/server';
import { startEchoServer } from './echo-server';
import { benchCommandSchema, type HostMessage } from './host-messages';
import { LogTally } from './log-tally';

/**
 * The body of a forked benchmark host (see host-process.ts): the real gateway (embedded SQLite in a fresh
 * temporary DATA_DIR, info-level logs counted by level) and the ws echo baseline, answering the benchmark's
 * `cpu` and `stop` commands over IPC until it says stop or goes away.
 */
export interface GatewayHostOptions {
  dataDirPrefix: string;
  environment?: Record<string, string>;
  overrides?: GatewayOverrides;
  /** The gateway's URL as the benchmark is told it. */
  announce(gatewayUrl: string): string;
}

function tell(message: HostMessage): void {
  if (process.connected) process.send?.(message);
}

export async function serveGatewayHost(options: GatewayHostOptions): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), options.dataDirPrefix));
  const logs = new LogTally();
  const config = parseConfig({
    ...options.environment,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '0',
  });
  const gateway = await startGateway(config, { ...options.overrides, logDestination: logs });
  const echo = await startEchoServer();

  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    try {
      await gateway.close();
      await echo.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    tell({ type: 'stopped', logLevels: logs.levels, problems: [...logs.problems] });
    if (process.connected) process.disconnect?.();
  }

  process.on('message', (raw) => {
    const command = benchCommandSchema.parse(raw);
    if (command.type === 'cpu') {
      const usage = process.cpuUsage();
      tell({ type: 'cpu', micros: usage.user + usage.system });
      return;
    }
    stopping ??= stop();
  });
  // The benchmark went away without saying stop: clean up all the same.
  process.on('disconnect', () => void (stopping ??= stop()));

  tell({ type: 'ready', gatewayUrl: options.announce(gateway.url), echoUrl: echo.url });
}
