import { describe, expect, it } from 'vitest';
import { receptionistToolDefinitions, toolArgumentSchemas } from '@crowndesk/domain';
import { ManualClock, RecordingLogger } from '@crowndesk/testing';
import type { ElevenLabsWebhookTool } from '../src';
import { ConversationSessions, ELEVENLABS_TOOL_NAMES, ElevenLabsToolEndpoint, elevenLabsToolDefinitions } from '../src';
import { FakeToolRunner } from './support/fake-tool-runner';
import { BRIGHT_SMILE_AGENT, BRIGHT_SMILE_NUMBER, brightSmile, practiceDirectory } from './support/practices';

const BASE_URL = 'https://voice.crowndesk.example';
const SECRET_ID = 'sec_01crowndesktoolkey';
const definitions = elevenLabsToolDefinitions(`${BASE_URL}/`, { secretId: SECRET_ID });
const byName = (name: string) => definitions.find((definition) => definition.name === name)!;

describe('elevenLabsToolDefinitions', () => {
  it('defines one POST webhook tool per exposed receptionist tool, at its own URL', () => {
    expect(definitions.map((definition) => definition.name)).toEqual([...ELEVENLABS_TOOL_NAMES]);
    for (const definition of definitions) {
      expect(definition.type).toBe('webhook');
      expect(definition.response_timeout_secs).toBe(20);
      expect(definition.api_schema.method).toBe('POST');
      expect(definition.api_schema.url).toBe(`${BASE_URL}/api/elevenlabs/tools/${definition.name}`);
      const contract = receptionistToolDefinitions().find((tool) => tool.name === definition.name);
      expect(definition.description).toBe(contract?.description);
    }
  });

  it('sends the API key from a workspace secret and the call context from system variables, in headers', () => {
    for (const definition of definitions) {
      expect(definition.api_schema.request_headers).toEqual({
        'X-API-Key': { secret_id: SECRET_ID },
        'X-CrownDesk-Agent-Id': { variable_name: 'system__agent_id' },
        'X-CrownDesk-Conversation-Id': { variable_name: 'system__conversation_id' },
        'X-CrownDesk-Called-Number': { variable_name: 'system__called_number' },
        'X-CrownDesk-Caller-Id': { variable_name: 'system__caller_id' },
      });
    }
  });

  it('lets the LLM fill exactly the arguments of the domain contract, each described, and nothing else', () => {
    for (const definition of definitions) {
      const schema = definition.api_schema.request_body_schema;
      const contract = receptionistToolDefinitions().find((tool) => tool.name === definition.name)!;
      expect(schema.type).toBe('object');
      expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(toolArgumentSchemas[definition.name].shape).sort());
      expect(schema.required).toEqual(contract.parameters['required']);
      for (const [argument, property] of Object.entries(schema.properties)) {
        expect(['string', 'number', 'integer', 'boolean'], `${definition.name}.${argument}`).toContain(property.type);
        expect(property.description.length, `${definition.name}.${argument}`).toBeGreaterThan(3);
        // The description is the value source; no other source may be set (ElevenLabs: mutually exclusive).
        expect(Object.keys(property).filter((key) => !['type', 'description', 'enum'].includes(key))).toEqual([]);
      }
      expect(JSON.stringify(schema)).not.toContain('system__');
    }
  });

  it('states formats and choices the contract enforces', () => {
    const check = byName('check_availability').api_schema.request_body_schema.properties;
    expect(check['date']?.description).toContain('YYYY-MM-DD');
    expect(check['time']?.description).toContain('HH:mm');
    expect(check['part_of_day']?.enum).toEqual(['morning', 'afternoon', 'any']);
    const verify = byName('find_my_appointments').api_schema.request_body_schema.properties;
    expect(verify['date_of_birth']?.description).toBe("The patient's date of birth (YYYY-MM-DD)");
    expect(verify['full_name']?.description).toBe("The patient's first and last name");
    expect(byName('reschedule_appointment').api_schema.request_body_schema.properties['new_start']?.description).toContain('YYYY-MM-DDTHH:mm');
  });

  it('is plain JSON, ready to paste', () => {
    expect(JSON.parse(JSON.stringify(definitions))).toEqual(definitions);
  });

  it('refuses a relative base URL, a missing secret id and an out-of-range timeout', () => {
    expect(() => elevenLabsToolDefinitions('/api', { secretId: SECRET_ID })).toThrow();
    expect(() => elevenLabsToolDefinitions(BASE_URL, { secretId: '' })).toThrow();
    expect(() => elevenLabsToolDefinitions(BASE_URL, { secretId: SECRET_ID, responseTimeoutSecs: 300 })).toThrow();
  });
});

/** Plays ElevenLabs: builds the request a definition describes, with secrets and system variables resolved. */
function requestFrom(definition: ElevenLabsWebhookTool, llmArguments: Record<string, unknown>, values: Record<string, string>) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(definition.api_schema.request_headers)) {
    headers[name.toLowerCase()] = 'secret_id' in value ? values[value.secret_id]! : values[value.variable_name]!;
  }
  const toolName = new URL(definition.api_schema.url).pathname.split('/').pop()!;
  return { toolName, rawBody: Buffer.from(JSON.stringify(llmArguments)), headers };
}

describe('definitions and endpoint agree', () => {
  it('a call made exactly as a definition describes reaches the tool for the agent\'s practice', async () => {
    const toolRunner = new FakeToolRunner();
    const endpoint = new ElevenLabsToolEndpoint({
      apiKey: 'tool_key_0123456789abcdef',
      directory: practiceDirectory(),
      toolRunner,
      sessions: new ConversationSessions({ clock: new ManualClock(new Date()) }),
      logger: new RecordingLogger(),
    });
    const request = requestFrom(byName('get_practice_info'), { topic: 'parking' }, {
      [SECRET_ID]: 'tool_key_0123456789abcdef',
      system__agent_id: BRIGHT_SMILE_AGENT,
      system__conversation_id: 'conv_9',
      system__called_number: BRIGHT_SMILE_NUMBER,
      system__caller_id: '+15557654321',
    });

    const response = await endpoint.handle(request);

    expect(response.status).toBe(200);
    expect(toolRunner.runs[0]?.session).toMatchObject({ callId: 'conv_9', callerNumber: '+15557654321' });
    expect(toolRunner.runs[0]?.session.practice.id).toBe(brightSmile.id);
  });
});
