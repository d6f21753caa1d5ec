import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared';

// The global setup finds or starts a PostgreSQL server for the tests (see README), or skips them loudly.
export default mergeConfig(projectConfig('libs/adapters-postgres', { testTimeout: 30_000 }), {
  test: { globalSetup: ['test/support/postgres-global-setup.ts'] },
});
