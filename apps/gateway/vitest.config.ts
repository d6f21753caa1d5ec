import { projectConfig } from '../../vitest.shared';

export default projectConfig('apps/gateway', { testTimeout: 30_000 });
