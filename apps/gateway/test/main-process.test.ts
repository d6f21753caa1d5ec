import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dialRetell } from './support/retell-peer';
import { makeDataDir, removeDataDir } from './support/test-gateway';
import { closed } from './support/websocket-client';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A port nobody listens on right now (the OS picks it; we release it for the child to bind). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Child {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the first JSON log line that has this message. */
  logLine(message: string): Promise<Record<string, unknown>>;
}

function startMain(environment: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/gateway/src/main.ts'], {
    cwd: workspaceRoot,
    env: {
      PATH: process.env['PATH'] ?? '',
      // The workspace's path aliases live in tsconfig.base.json, which tsx does not find by itself.
      TSX_TSCONFIG_PATH: 'apps/gateway/tsconfig.json',
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state = { stdout: '', stderr: '', partial: '' };
  const lines: Record<string, unknown>[] = [];
  const lineWaiters: { message: string; resolve: (line: Record<string, unknown>) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    state.stdout += chunk;
    const texts = (state.partial + chunk).split('\n');
    state.partial = texts.pop() ?? '';
    for (const text of texts.filter((candidate) => candidate.startsWith('{'))) {
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const waiter of lineWaiters.filter((candidate) => candidate.message === line['msg'])) waiter.resolve(line);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (state.stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    get stdout() {
      return state.stdout;
    },
    get stderr() {
      return state.stderr;
    },
    exit,
    kill: (signal) => child.kill(signal),
    logLine: (message) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((line) => line['msg'] === message);
        if (seen) return resolve(seen);
        lineWaiters.push({ message, resolve });
        void exit.then((code) => reject(new Error(`exited (${code}) before logging "${message}": ${state.stderr}`)));
      }),
  };
}

describe('main (the process)', () => {
  let dataDir: string | undefined;
  let running: Child | undefined;

  afterEach(async () => {
    running?.kill('SIGKILL');
    if (dataDir) await removeDataDir(dataDir);
    running = undefined;
    dataDir = undefined;
  });

  it('starts on embedded defaults, serves a call, and on SIGTERM drains it with 1001 and exits 0', async () => {
    dataDir = await makeDataDir();
    const port = await freePort();
    running = startMain({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '1000' });

    const listening = await running.logLine('gateway listening');
    expect(listening).toMatchObject({ port, languageModel: 'builtin', backend: 'embedded-sqlite', url: `http://127.0.0.1:${port}` });
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    const call = await dialRetell(`ws://127.0.0.1:${port}`, 'call_during_deploy');
    expect(call.greeting).toContain('Bright Smile Dental');
    const callClosed = closed(call.socket);

    running.kill('SIGTERM');
    expect(await callClosed).toMatchObject({ code: 1001 });
    expect(await running.exit).toBe(0);
    expect(running.stdout).toContain('"msg":"shutdown complete"');
  });

  it('exits 1 with the cause when the port is taken', async () => {
    dataDir = await makeDataDir();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const address = taken.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      running = startMain({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
      expect(await running.exit).toBe(1);
      expect(running.stderr).toContain(`The gateway could not start: Cannot listen on 127.0.0.1:${port}`);
      expect(running.stderr).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('exits 1 with a message naming the variable when the configuration is invalid', async () => {
    running = startMain({ PORT: 'eighty' });
    expect(await running.exit).toBe(1);
    expect(running.stderr).toContain('PORT: expected a whole number');
    expect(running.stdout).toBe('');
  });
});
