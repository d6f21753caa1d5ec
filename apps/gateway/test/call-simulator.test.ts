import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGatewayScript } from './support/workspace-script';
import { gatewayPerSuite } from './support/gateway-lifecycle';


/** Runs `npm run call` (the same file, through tsx) and collects what it prints. */
const runSimulator = (args: string[], typed?: string) => runGatewayScript('apps/gateway/src/cli/call-simulator.ts', args, typed);

describe('npm run call (the terminal call simulator)', () => {
  const gateway = gatewayPerSuite();

  it('replays a script as the caller and exits 0 when the receptionist ends the call', async () => {
    const script = join(gateway.dataDir, 'ask-address.txt');
    await writeFile(script, '# a caller who only wants the address\n\nWhere are you located?\nNo, that is all. Goodbye.\n');

    const run = await runSimulator(['--url', gateway.ws('/retell-llm'), '--script', script]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^\[calling \+15555550123 from \+15555550142, call sim_[A-Za-z0-9_-]+\]$/);
    expect(lines).toContain(
      'Receptionist: Thank you for calling Bright Smile Dental, this is Ava, the virtual receptionist. How can I help you today?',
    );
    expect(lines).toContain('Caller: Where are you located?');
    expect(lines).toContain('  [tool] get_practice_info ok');
    expect(run.stdout).toContain('120 Main Street');
    expect(lines).toContain('  [tool] end_call ok');
    expect(lines.at(-2)).toBe('[call ended]');
    expect(run.stdout).not.toContain('#');
  });

  it('reports a transfer to staff and exits 0', async () => {
    const script = join(gateway.dataDir, 'ask-person.txt');
    await writeFile(script, 'Can I talk to a real person please?\n');

    const run = await runSimulator(['--url', gateway.ws('/retell-llm'), '--script', script]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  [tool] transfer_to_staff ok');
    expect(run.stdout).toContain('[transferring to +15555550100]');
  });

  it('takes the caller\'s lines from standard input and hangs up when it ends', async () => {
    const run = await runSimulator(['--url', gateway.ws('/retell-llm')], 'What are your hours?\n');

    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('Caller: What are your hours?');
    expect(lines).toContain('  [tool] get_practice_info ok');
    expect(run.stdout).toContain('Monday through Friday');
    expect(lines.at(-2)).toBe('[hung up]');
  });

  it('explains a bad option and exits 2', async () => {
    const run = await runSimulator(['--to', '555-0123']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--to must be an E.164 number');
    expect(run.stderr).toContain('Usage: npm run call');
  });

  it('says so when nothing answers at the URL, and exits 1', async () => {
    const run = await runSimulator(['--url', gateway.ws('/not-retell')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 404');
  });
});
