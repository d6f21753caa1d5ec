import { Writable } from 'node:stream';

/**
 * The gateway's log destination during a benchmark: lines are serialized as in production (pino, redaction)
 * and then only tallied by level, so the benchmark can say whether anything went wrong without printing
 * thousands of lines. Warnings and errors keep their message (never fields: those may carry ids only, but
 * the tally has no use for them).
 */
export class LogTally extends Writable {
  readonly levels: Record<string, number> = {};
  readonly problems = new Set<string>();

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      const level = /"level":"(\w+)"/.exec(line)?.[1];
      if (!level) continue;
      this.levels[level] = (this.levels[level] ?? 0) + 1;
      if (level === 'warn' || level === 'error' || level === 'fatal') {
        const message = /"msg":"([^"]*)"/.exec(line)?.[1];
        if (message) this.problems.add(`${level}: ${message}`);
      }
    }
    done();
  }
}
