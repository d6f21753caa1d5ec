import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hostMessageSchema, type BenchCommand, type HostMessage } from './host-messages';

/** A benchmark's handle on its forked gateway host: server-host.ts (Retell) or voice-host.ts (Twilio media). */

const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface HostReport {
  logLevels: Record<string, number>;
  problems: string[];
}

export interface GatewayHost {
  /** The Retell host's ws://127.0.0.1:<port>; the voice host's http://127.0.0.1:<port>. */
  gatewayUrl: string;
  echoUrl: string;
  /** The host process's CPU time (user + system) so far, in milliseconds. */
  cpuMs(): Promise<number>;
  stop(): Promise<HostReport>;
}

/** The Retell benchmark's host: the gateway's socket URL (ws://) and the echo server. */
export function startServerHost(): Promise<GatewayHost> {
  return startHost({ script: './server-host.ts', name: 'server host', gatewayScheme: 'ws://', args: [] });
}

/** The voice benchmark's host: the gateway (http://, for Twilio's webhooks) with `environment`, and the echo server. */
export function startVoiceHost(environment: Record<string, string>): Promise<GatewayHost> {
  return startHost({ script: './voice-host.ts', name: 'voice host', gatewayScheme: 'http://', args: [JSON.stringify(environment)] });
}

type Waiter = { type: HostMessage['type']; resolve(message: HostMessage): void; reject(error: Error): void };

async function startHost(host: { script: string; name: string; gatewayScheme: 'ws://' | 'http://'; args: string[] }): Promise<GatewayHost> {
  const messageSchema = hostMessageSchema(host.gatewayScheme);
  const child = fork(fileURLToPath(new URL(host.script, import.meta.url)), host.args, {
    cwd: workspaceRoot,
    execArgv: ['--import', 'tsx'],
    // The workspace's path aliases live in tsconfig.base.json, which tsx does not find by itself.
    env: { ...process.env, TSX_TSCONFIG_PATH: 'apps/gateway/tsconfig.json' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiters: Waiter[] = [];
  let exited: Error | undefined;
  child.on('message', (raw) => {
    const message = messageSchema.parse(raw);
    const index = waiters.findIndex((waiter) => waiter.type === message.type);
    if (index >= 0) waiters.splice(index, 1)[0]?.resolve(message);
  });
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = new Error(`the ${host.name} exited (${signal ?? `code ${code}`})`);
      for (const waiter of waiters.splice(0)) waiter.reject(exited);
      resolve();
    }),
  );
  const next = <T extends HostMessage['type']>(type: T, command?: BenchCommand): Promise<Extract<HostMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      waiters.push({ type, resolve: (message) => resolve(message as Extract<HostMessage, { type: T }>), reject });
      if (command) child.send(command);
    });
  /** A host that does not answer in time is killed: the benchmark must end by itself. */
  const orKill = async <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the ${host.name} did not ${what} within ${timeoutMs} ms`)), timeoutMs);
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
