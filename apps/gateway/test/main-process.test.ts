import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startMain, type GatewayProcess } from './support/gateway-process';
import { dialRetell } from './support/retell-peer';
import { makeDataDir, removeDataDir } from './support/test-gateway';
import { closed } from './support/websocket-client';

describe('main (the process)', () => {
  let dataDir: string | undefined;
  let running: GatewayProcess | undefined;

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
