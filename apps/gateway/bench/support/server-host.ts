import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '@crowndesk/domain';
import { parseConfig } from '../../src/config';
import { startGateway } from '../../src/server';
import { BENCH_CLOCK_ORIGIN } from './caller-dialogue';
import { startEchoServer } from './echo-server';
import { benchCommandSchema, type HostMessage } from './host-messages';
import { LogTally } from './log-tally';

/**
 * The server side of the benchmark, in its own process (forked by host-process.ts) so that it has its own
 * event loop and CPU account, as in production where Retell is a remote client. Serves the real gateway
 * (embedded SQLite in a fresh temporary DATA_DIR, built-in engine, info-level logs) and the echo baseline.
 */

function tell(message: HostMessage): void {
  if (process.connected) process.send?.(message);
}

const dataDir = await mkdtemp(join(tmpdir(), 'crowndesk-bench-'));
const logs = new LogTally();
// The dialogue's dates stay fixed ("Wednesday" is always 25 November 2026) while time still passes.
const startedAt = Date.now();
const clock: Clock = { now: () => new Date(BENCH_CLOCK_ORIGIN.getTime() + (Date.now() - startedAt)) };
const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '0' });
const gateway = await startGateway(config, { clock, logDestination: logs });
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

tell({ type: 'ready', gatewayUrl: gateway.url.replace(/^http/, 'ws'), echoUrl: echo.url });
