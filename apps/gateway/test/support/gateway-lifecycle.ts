import { afterAll, afterEach, beforeAll } from 'vitest';
import { CrownDeskTestBackend } from './backend-crowndesk-server';
import { startBackendGateway } from './backend-gateway';
import { removeDataDir, startTestGateway, type TestGateway } from './test-gateway';

/** Test lifecycles for real gateways: each one started is closed, and its data directory removed, afterwards. */

type StartOptions = Parameters<typeof startTestGateway>[0];

async function dispose(gateway: TestGateway): Promise<void> {
  await gateway.close();
  await removeDataDir(gateway.dataDir);
}

/** Registers an afterEach that closes, newest first, whatever the test handed to the returned `track`. */
function closedAfterEach(): <T>(started: T, close: (started: T) => Promise<void>) => T {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });
  return (started, close) => {
    closers.push(() => close(started));
    return started;
  };
}

/** `startTestGateway` for one test at a time: what a test starts is gone before the next begins. */
export function gatewaysPerTest(): (options?: StartOptions) => Promise<TestGateway> {
  const track = closedAfterEach();
  return async (options) => track(await startTestGateway(options), dispose);
}

/** A CrownDesk test backend and gateways pointed at it, for one test at a time. */
export function backendGatewaysPerTest(): {
  backend(): Promise<CrownDeskTestBackend>;
  gateway(...args: Parameters<typeof startBackendGateway>): Promise<TestGateway>;
} {
  const track = closedAfterEach();
  return {
    backend: async () => track(await CrownDeskTestBackend.start(), (backend) => backend.close()),
    gateway: async (...args) => track(await startBackendGateway(...args), dispose),
  };
}

/** One gateway for the whole suite (started in beforeAll, gone after all), usable as the TestGateway itself. */
export function gatewayPerSuite(options?: StartOptions): TestGateway {
  let started: TestGateway | undefined;
  const current = (): TestGateway => {
    if (!started) throw new Error('the suite gateway starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    started = await startTestGateway(options);
  });
  afterAll(async () => {
    if (started) await dispose(started);
  });
  return {
    get gateway() {
      return current().gateway;
    },
    get dataDir() {
      return current().dataDir;
    },
    get logs() {
      return current().logs;
    },
    http: (path) => current().http(path),
    ws: (path) => current().ws(path),
    close: () => current().close(),
  };
}
