import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: workspaceRoot });

async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${workspaceRoot}${path}` });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('dependency direction (adapters -> domain; gateway -> everything; domain -> nothing)', () => {
  it('rejects the domain importing an adapter', async () => {
    const errors = await lint(
      'libs/domain/src/violation.ts',
      "import { BuiltinReceptionistModel } from '@crowndesk/adapters-builtin-model';\nexport const m = BuiltinReceptionistModel;\n",
    );
    expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects node I/O and vendor SDKs in the domain', async () => {
    const errors = await lint(
      'libs/domain/src/violation.ts',
      "import { readFileSync } from 'node:fs';\nimport OpenAI from 'openai';\nexport const x = [readFileSync, OpenAI];\n",
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-imports: .*node:fs/),
        expect.stringMatching(/^@nx\/enforce-module-boundaries: .*"openai"/),
      ]),
    );
  });

  it('rejects one adapter importing another', async () => {
    const errors = await lint(
      'libs/adapters-retell/src/violation.ts',
      "import { openEmbeddedDatabase } from '@crowndesk/adapters-sqlite';\nexport const o = openEmbeddedDatabase;\n",
    );
    expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('rejects production source importing the shared test doubles', async () => {
    const code = "import { RecordingLogger } from '@crowndesk/testing';\nexport const l = new RecordingLogger();\n";
    for (const path of ['libs/adapters-retell/src/violation.ts', 'apps/gateway/src/violation.ts']) {
      const errors = await lint(path, code);
      expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries')), path).toBe(true);
    }
  });

  it('accepts test code importing the shared test doubles', async () => {
    const code = "import { RecordingLogger } from '@crowndesk/testing';\nexport const l = new RecordingLogger();\n";
    for (const path of ['libs/adapters-retell/test/ok.test.ts', 'libs/adapters-sqlite/test/support/ok.ts', 'libs/adapters-openai/src/ok.test.ts', 'apps/gateway/test/ok.test.ts']) {
      expect(await lint(path, code), path).toEqual([]);
    }
  });

  it('rejects the shared test doubles importing an adapter', async () => {
    const errors = await lint(
      'libs/testing/src/violation.ts',
      "import { openEmbeddedDatabase } from '@crowndesk/adapters-sqlite';\nexport const o = openEmbeddedDatabase;\n",
    );
    expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('accepts an adapter importing the domain and the gateway importing adapters', async () => {
    expect(
      await lint('libs/adapters-retell/src/ok.ts', "import type { Clock } from '@crowndesk/domain';\nexport type C = Clock;\n"),
    ).toEqual([]);
    expect(
      await lint(
        'apps/gateway/src/ok.ts',
        "import { openEmbeddedDatabase } from '@crowndesk/adapters-sqlite';\nexport const o = openEmbeddedDatabase;\n",
      ),
    ).toEqual([]);
  });
});
