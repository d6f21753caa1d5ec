import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { voiceHostMessageSchema, type VoiceHostCommand, type VoiceHostMessage } from './voice-host-messages';

/** The voice benchmark's handle on the forked gateway host (voice-host.ts). */

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const hostScript = fileURLToPath(new URL('./voice-host.ts', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface VoiceHostReport {
  logLevels: Record<string, number>;
  problems: string[];
}

export interface VoiceHost {
  /** The gateway's base URL, http://127.0.0.1:<port>. */
  gatewayUrl: string;
  echoUrl: string;
  /** The host process's CPU time (user + system) so far, in milliseconds. */
  cpuMs(): Promise<number>;
  stop(): Promise<VoiceHostReport>;
}

type Waiter = { type: VoiceHostMessage['type']; resolve(message: VoiceHostMessage): void; reject(error: Error): void };

export async function startVoiceHost(environment: Record<string, string>): Promise<VoiceHost> {
  const child = fork(hostScript, [JSON.stringify(environment)], {
    cwd: workspaceRoot,
    execArgv: ['--import', 'tsx'],
    // The workspace's path aliases live in tsconfig.base.json, which tsx does not find by itself.
    env: { ...process.env, TSX_TSCONFIG_PATH: 'apps/gateway/tsconfig.json' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: Waiter[] = [];
  let exited: Error | undefined;
  child.on('message', (raw) => {
    const message = voiceHostMessageSchema.parse(raw);
    const index = waiters.findIndex((waiter) => waiter.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
  });
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = new Error(`the voice host exited (${signal ?? `code ${code}`})`);
      for (const waiter of waiters.splice(0)) waiter.reject(exited);
      resolve();
    }),
  );
  const next = <T extends VoiceHostMessage['type']>(type: T, command?: VoiceHostCommand): Promise<Extract<VoiceHostMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      waiters.push({ type, resolve: (message) => resolve(message as Extract<VoiceHostMessage, { type: T }>), reject });
      if (command) child.send(command);
    });
  /** A host that does not answer in time is killed: the benchmark must end by itself. */
  const orKill = async <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the voice host did not ${what} within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([promise, timeout]);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  const ready = await orKill(next('ready'), READY_TIMEOUT_MS, 'start');
  return {
    gatewayUrl: ready.gatewayUrl,
    echoUrl: ready.echoUrl,
    cpuMs: async () => (await next('cpu', { type: 'cpu' })).micros / 1000,
    stop: async () => {
      const stopped = await orKill(next('stopped', { type: 'stop' }), STOP_TIMEOUT_MS, 'stop');
      await orKill(exit, STOP_TIMEOUT_MS, 'exit');
      return { logLevels: stopped.logLevels, problems: stopped.problems };
    },
  };
}
