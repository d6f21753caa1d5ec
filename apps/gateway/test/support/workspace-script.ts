import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const workspaceRoot = fileURLToPath(new URL('../../../..', import.meta.url));

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the gateway's npm scripts as `npm run` does (the same file, through tsx, from the workspace root,
 * with nothing of this process's environment but PATH), types `typed` on its standard input, collects its output.
 */
export function runGatewayScript(script: string, args: string[], typed = ''): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: workspaceRoot,
      // The workspace's path aliases live in tsconfig.base.json, which tsx does not find by itself.
      env: { PATH: process.env['PATH'] ?? '', TSX_TSCONFIG_PATH: 'apps/gateway/tsconfig.json' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(typed);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
