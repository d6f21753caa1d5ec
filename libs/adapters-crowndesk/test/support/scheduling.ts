import type { Clock } from '@crowndesk/domain';
import { CrownDeskSchedulingBackend } from '../../src/index';
import type { CrownDeskSchedulingBackendOptions } from '../../src/index';
import { testClient } from './client';

/** Monday 2025-06-02, 14:00 in New York. */
export const NOW = new Date('2025-06-02T18:00:00.000Z');

export function testScheduling(overrides: Partial<CrownDeskSchedulingBackendOptions> = {}) {
  const { client, logger, sleeps } = testClient();
  const clock: Clock = { now: () => NOW };
  const backend = new CrownDeskSchedulingBackend({ client, logger, clock, ...overrides });
  return { backend, logger, sleeps };
}
