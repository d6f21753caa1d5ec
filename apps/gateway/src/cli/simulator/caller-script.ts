import { readFile } from 'node:fs/promises';

/** Caller lines to replay: one per line; blank lines and lines starting with # are skipped. */
export async function readCallerScript(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
