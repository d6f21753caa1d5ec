import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything the worker wrote to stderr. */
  stderr: string;
}

export interface TsxWorkerOptions {
  /** The tsconfig whose path aliases the worker's imports resolve with. */
  tsconfig: string;
  /** Called when the worker ends other than cleanly (exit code 0) or by the SIGKILL a test sends it. */
  onUnexpectedExit?: (exit: WorkerExit) => void;
}

/** A TypeScript script running in its own OS process, with what it printed. */
export interface TsxWorker {
  child: ChildProcessWithoutNullStreams;
  /** Every line printed on stdout so far, in order. */
  lines: string[];
  /** The next stdout line not yet taken by nextLine(); fails if the worker's stdout ends first. */
  nextLine(): Promise<string>;
  stderr(): string;
  exited: Promise<WorkerExit>;
}

/** Starts `script` with `args` under node + tsx: a real separate process, for crash and cross-process tests. */
export function spawnTsxWorker(script: string, args: string[], options: TsxWorkerOptions): TsxWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, TSX_TSCONFIG_PATH: options.tsconfig },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const lines: string[] = [];
  let taken = 0;
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const reader = createInterface({ input: child.stdout });
  reader.on('line', (line) => {
    lines.push(line);
    wake();
  });
  reader.on('close', () => {
    ended = true;
    wake();
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (taken < lines.length) {
          waiters.delete(check);
          resolve(lines[taken++] as string);
        } else if (ended) {
          waiters.delete(check);
          reject(new Error(`worker ${script} ended without printing another line: ${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });

  const exited = new Promise<WorkerExit>((resolve) => {
    // 'close', not 'exit': by then stdout and stderr have been read to the end.
    child.once('close', (code, signal) => {
      const exit = { code, signal, stderr };
      if (code !== 0 && signal !== 'SIGKILL') options.onUnexpectedExit?.(exit);
      resolve(exit);
    });
  });
  return { child, lines, nextLine, stderr: () => stderr, exited };
}
