import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('../../../..', import.meta.url));

/** A port nobody listens on right now (the OS picks it; we release it for the child to bind). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The gateway as the real process (`node --import tsx apps/gateway/src/main.ts`). */
export interface GatewayProcess {
  stdout: string;
  stderr: string;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the first JSON log line that has this message. */
  logLine(message: string): Promise<Record<string, unknown>>;
  /** Every JSON log line so far. */
  lines: Record<string, unknown>[];
}

export function startMain(environment: Record<string, string>): GatewayProcess {
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
    lines,
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
