import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnTsxWorker, type WorkerExit } from '../src';

const WORKER = fileURLToPath(new URL('./fixtures/line-worker.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

describe('spawnTsxWorker', () => {
  it('runs a TypeScript script in its own process and reads what it prints, line by line', async () => {
    const unexpected: WorkerExit[] = [];
    const worker = spawnTsxWorker(WORKER, ['ready', 'set'], { tsconfig: TSCONFIG, onUnexpectedExit: (exit) => unexpected.push(exit) });

    expect(await worker.nextLine()).toBe('ready');
    expect(await worker.nextLine()).toBe('set');
    worker.child.stdin.write('go\n');
    expect(await worker.nextLine()).toBe('GO');
    worker.child.stdin.write('exit 0\n');

    expect(await worker.exited).toMatchObject({ code: 0, signal: null });
    expect(worker.lines).toEqual(['ready', 'set', 'GO']);
    expect(worker.stderr()).toBe('exiting with 0\n');
    expect(unexpected).toEqual([]);
    await expect(worker.nextLine()).rejects.toThrow('ended without printing another line');
  }, 20_000);

  it('reports a failed exit, but not the SIGKILL a test sends', async () => {
    const unexpected: WorkerExit[] = [];
    const failing = spawnTsxWorker(WORKER, ['up'], { tsconfig: TSCONFIG, onUnexpectedExit: (exit) => unexpected.push(exit) });
    expect(await failing.nextLine()).toBe('up');
    failing.child.stdin.write('exit 3\n');
    await failing.exited;

    const killed = spawnTsxWorker(WORKER, ['up'], { tsconfig: TSCONFIG, onUnexpectedExit: (exit) => unexpected.push(exit) });
    expect(await killed.nextLine()).toBe('up');
    killed.child.kill('SIGKILL');

    expect(await killed.exited).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(unexpected).toEqual([{ code: 3, signal: null, stderr: 'exiting with 3\n' }]);
  }, 20_000);
});
