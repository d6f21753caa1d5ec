import { ELEVENLABS_TOOL_NAMES, type ElevenLabsWebhookTool } from '@crowndesk/adapters-elevenlabs';
import { describe, expect, it } from 'vitest';
import { runGatewayScript } from './support/workspace-script';


/** Runs `npm run elevenlabs:tools` (the same file, through tsx) and collects what it prints. */
const runTools = (args: string[]) => runGatewayScript('apps/gateway/src/cli/elevenlabs-tools.ts', args);

describe('npm run elevenlabs:tools', () => {
  it('prints the webhook-tool definitions as JSON, pointing at the gateway, keyed by the workspace secret', async () => {
    const run = await runTools(['--url', 'https://voice.example.com/', '--secret-id', 'sec_tool_key', '--timeout', '30']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const tools = JSON.parse(run.stdout) as ElevenLabsWebhookTool[];
    expect(tools.map((tool) => tool.name)).toEqual([...ELEVENLABS_TOOL_NAMES]);
    for (const tool of tools) {
      expect(tool).toMatchObject({
        type: 'webhook',
        response_timeout_secs: 30,
        api_schema: {
          url: `https://voice.example.com/api/elevenlabs/tools/${tool.name}`,
          method: 'POST',
          request_headers: {
            'X-API-Key': { secret_id: 'sec_tool_key' },
            'X-CrownDesk-Agent-Id': { variable_name: 'system__agent_id' },
            'X-CrownDesk-Conversation-Id': { variable_name: 'system__conversation_id' },
          },
          request_body_schema: { type: 'object' },
        },
      });
      expect(tool.description.length).toBeGreaterThan(10);
    }
    const booking = tools.find((tool) => tool.name === 'book_appointment');
    expect(booking?.api_schema.request_body_schema.required).toEqual(['appointment_type', 'start', 'full_name', 'date_of_birth']);
    expect(booking?.api_schema.request_body_schema.properties['start']).toMatchObject({ type: 'string' });
  });

  it('defaults the tool timeout to ElevenLabs own 20 s', async () => {
    const run = await runTools(['--url', 'https://voice.example.com', '--secret-id', 'sec_tool_key']);
    const tools = JSON.parse(run.stdout) as ElevenLabsWebhookTool[];
    expect(new Set(tools.map((tool) => tool.response_timeout_secs))).toEqual(new Set([20]));
  });

  it.each([
    [['--secret-id', 'sec_1'], '--url is required'],
    [['--url', 'https://voice.example.com'], '--secret-id is required'],
    [['--url', 'ws://voice.example.com', '--secret-id', 'sec_1'], '--url must be an http(s) URL'],
    [['--url', 'https://voice.example.com', '--secret-id', 'sec_1', '--timeout', '500'], '--timeout must be at most 120'],
  ])('exits 2 with the reason and the usage for %j', async (args, reason) => {
    const run = await runTools(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(reason);
    expect(run.stderr).toContain('Usage: npm run elevenlabs:tools');
  });

  it('prints the usage for --help', async () => {
    const run = await runTools(['--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('--secret-id <id>');
  });
});
