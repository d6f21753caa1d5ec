import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Resolve the @crowndesk/* path aliases from tsconfig.base.json, so tests import libs exactly as the code does.
const root = fileURLToPath(new URL('.', import.meta.url));
const base = JSON.parse(readFileSync(new URL('./tsconfig.base.json', import.meta.url), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const alias = Object.fromEntries(
  Object.entries(base.compilerOptions.paths).map(([name, [target]]) => [name, `${root}${target}`]),
);

export function projectConfig(projectRoot: string, overrides: { testTimeout?: number } = {}) {
  return defineConfig({
    root: `${root}${projectRoot}`,
    resolve: { alias },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      benchmark: { include: ['bench/**/*.bench.ts', 'src/**/*.bench.ts'] },
      environment: 'node',
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 20_000,
      pool: 'forks',
    },
  });
}
