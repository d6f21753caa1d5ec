import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_AGENT_ID, DEMO_PHONE_NUMBER, DEMO_PRACTICE, openEmbeddedDatabase, SqlitePracticeDirectory } from '@crowndesk/adapters-sqlite';
import type { Practice } from '@crowndesk/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir } from './support/test-gateway';
import { runGatewayScript } from './support/workspace-script';
import { silentLogger } from '@crowndesk/testing';

const savePracticeCli = (args: string[]) => runGatewayScript('apps/gateway/src/cli/save-practice.ts', args);

async function directoryOf(dataDir: string, read: (directory: SqlitePracticeDirectory) => Promise<unknown>): Promise<unknown> {
  const database = openEmbeddedDatabase({ dataDir, logger: silentLogger, seedDemo: false });
  try {
    return await read(new SqlitePracticeDirectory(database));
  } finally {
    database.close();
  }
}

describe('save-practice (configuring a practice for backend mode)', () => {
  let dataDir: string | undefined;

  afterEach(async () => {
    if (dataDir) await removeDataDir(dataDir);
    dataDir = undefined;
  });

  it('saves a practice from a file, routed by its numbers and voice agents, and seeds nothing else', async () => {
    dataDir = await makeDataDir();
    const practice: Practice = { ...DEMO_PRACTICE, id: 'smile-city', name: 'Smile City Dental' };
    const file = join(dataDir, 'practice.json');
    await writeFile(file, JSON.stringify({ practice, phoneNumbers: ['+15555550300'], voiceAgentIds: ['agent_smile_city'] }));

    const result = await savePracticeCli(['--data-dir', dataDir, '--file', file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Saved practice smile-city with 1 number(s) and 1 voice agent(s)');
    const found = await directoryOf(dataDir, async (directory) => ({
      byNumber: (await directory.byPhoneNumber('+15555550300'))?.name,
      byAgent: (await directory.byVoiceAgentId('agent_smile_city'))?.id,
      demo: await directory.byPhoneNumber(DEMO_PHONE_NUMBER),
      fallback: await directory.fallback(),
    }));
    expect(found).toEqual({ byNumber: 'Smile City Dental', byAgent: 'smile-city', demo: null, fallback: null });
  });

  it('saves the demo practice with --demo', async () => {
    dataDir = await makeDataDir();
    expect(await savePracticeCli(['--data-dir', dataDir, '--demo'])).toMatchObject({ code: 0 });
    expect(await directoryOf(dataDir, async (directory) => (await directory.byVoiceAgentId(DEMO_AGENT_ID))?.name)).toBe('Bright Smile Dental');
  });

  it('refuses an invalid file with exit code 1, naming each bad field', async () => {
    dataDir = await makeDataDir();
    const file = join(dataDir, 'practice.json');
    await writeFile(file, JSON.stringify({ practice: { ...DEMO_PRACTICE, timeZone: 'Mars/Olympus_Mons' }, phoneNumbers: ['555-0300'] }));
    const result = await savePracticeCli(['--data-dir', dataDir, '--file', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('practice.timeZone: expected an IANA time zone');
    expect(result.stderr).toContain('phoneNumbers.0: expected an E.164 number');
    expect(result.stderr).not.toContain('555-0300');
  });

  it.each([
    [[] as string[], '--data-dir is required'],
    [['--data-dir', '/tmp/x'], 'give exactly one of --file and --demo'],
    [['--data-dir', '/tmp/x', '--demo', '--file', 'p.json'], 'give exactly one of --file and --demo'],
  ])('exits 2 with the usage for %j', async (args, message) => {
    const result = await savePracticeCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage:');
  });
});
