import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Dependency direction is law: adapters -> domain; gateway -> everything; domain -> nothing.
// The domain may use only pure libraries (time-zone math, schema validation, hashing); no node I/O, no vendor SDK.
const domainAllowedExternals = ['luxon', 'zod', '@noble/hashes', '@noble/hashes/*'];

// Shared test doubles (@crowndesk/testing) depend on the domain only, and only test code may use them.
function boundaryRule(domainExternals, { testCode = false } = {}) {
  const testing = testCode ? ['type:testing'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      depConstraints: [
        { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [], allowedExternalImports: domainExternals },
        { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', ...testing] },
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', ...testing] },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain'] },
        { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: [] },
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/data/**', '**/tmp/**', '**/*.js', '**/*.cjs', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(domainAllowedExternals),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // Node built-ins are I/O; the domain's source must not reach for them (tests may, for fixtures).
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*', 'fs', 'fs/*', 'http', 'https', 'net', 'crypto', 'child_process', 'os', 'path'], message: 'The domain does no I/O: put it behind a port.' }] },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'require'],
    },
  },
  {
    // Domain tests and their fixtures may use the test runner (still nothing of ours beyond the domain).
    files: ['libs/domain/src/**/*.test.ts', 'libs/domain/src/**/*.fixture.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaryRule([...domainAllowedExternals, 'vitest']) },
  },
  {
    // Adapters' and the gateway's test code (never their production source) may use the shared test doubles.
    files: [
      'libs/adapters-*/test/**/*.ts',
      'libs/adapters-*/bench/**/*.ts',
      'libs/adapters-*/src/**/*.test.ts',
      'apps/gateway/test/**/*.ts',
      'apps/gateway/bench/**/*.ts',
      'apps/gateway/src/**/*.test.ts',
    ],
    rules: { '@nx/enforce-module-boundaries': boundaryRule(domainAllowedExternals, { testCode: true }) },
  },
  {
    // Tooling config files share the workspace's vitest preset by relative path.
    files: ['**/vitest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/bench/**/*.ts', 'apps/gateway/src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
