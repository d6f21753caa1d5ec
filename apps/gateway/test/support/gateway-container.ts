import type { Container } from 'inversify';
import { afterEach } from 'vitest';
import { parseConfig } from '../../src/config';
import { createGatewayContainer } from '../../src/container';
import { makeDataDir, removeDataDir } from './test-gateway';

/**
 * The gateway's container for one test at a time, on a fresh data directory with silent logs and `base` under
 * each test's environment; unbound, and its data directory removed, after each test.
 */
export function containersPerTest(base: Record<string, string> = {}): (environment: Record<string, string>) => Promise<Container> {
  let container: Container | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    await container?.unbindAll();
    if (dataDir) await removeDataDir(dataDir);
    container = undefined;
    dataDir = undefined;
  });

  return async (environment) => {
    dataDir = await makeDataDir();
    container = createGatewayContainer(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...base, ...environment }));
    return container;
  };
}
