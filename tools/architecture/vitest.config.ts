import { projectConfig } from '../../vitest.shared';

export default projectConfig('tools/architecture', { testTimeout: 60_000 });
