import { RecordingLogger } from '@crowndesk/testing';
import { CrownDeskClient } from '../../src/index';
import type { CrownDeskClientOptions } from '../../src/index';
import { BASE_URL } from './backend';
import { credentialsFor } from './practice';

/** A client against the fake backend whose backoff waits are recorded instead of slept. */
export function testClient(overrides: Partial<CrownDeskClientOptions> = {}) {
  const logger = new RecordingLogger();
  const sleeps: number[] = [];
  const client = new CrownDeskClient({
    baseUrl: BASE_URL,
    credentialsFor,
    logger,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, logger, sleeps };
}
