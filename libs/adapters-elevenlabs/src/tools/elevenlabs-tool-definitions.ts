import { z } from 'zod';
import type { ToolDefinition } from '@crowndesk/domain';
import { receptionistToolDefinitions } from '@crowndesk/domain';
import { API_KEY_HEADER } from '../auth/api-key-guard';
import type { ElevenLabsToolName } from './elevenlabs-tool-names';
import { ELEVENLABS_TOOL_NAMES, TOOLS_PATH } from './elevenlabs-tool-names';
import { TOOL_CONTEXT_HEADERS } from './tool-call-context';

/** A parameter the agent's LLM fills in (ElevenLabs LiteralJsonSchemaProperty, `description` as value source). */
export interface ElevenLabsLlmParameter {
  type: 'string' | 'number' | 'integer' | 'boolean';
  description: string;
  enum?: string[];
}

/** A request header: a workspace secret, or a dynamic variable ElevenLabs fills at call time. */
export type ElevenLabsHeaderValue = { secret_id: string } | { variable_name: string };

/** A webhook tool as ElevenLabs' API takes it (`tool_config` of POST /v1/convai/tools), snake_case on the wire. */
export interface ElevenLabsWebhookTool {
  type: 'webhook';
  name: ElevenLabsToolName;
  description: string;
  response_timeout_secs: number;
  api_schema: {
    url: string;
    method: 'POST';
    request_headers: Record<string, ElevenLabsHeaderValue>;
    request_body_schema: {
      type: 'object';
      description: string;
      required: string[];
      properties: Record<string, ElevenLabsLlmParameter>;
    };
  };
}

const optionsSchema = z.object({
  /** Id of the ElevenLabs workspace secret holding our tool API key (POST /v1/convai/secrets returns it). */
  secretId: z.string().trim().min(1).max(200),
  /** ElevenLabs waits this long for a tool (5-120 s; its default is 20). */
  responseTimeoutSecs: z.number().int().min(5).max(120).default(20),
});

export type ElevenLabsToolDefinitionOptions = z.input<typeof optionsSchema>;

const baseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'the base URL must be an absolute http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

/** Parameters no tool of the contract describes: the agent's LLM needs words for every one it fills. */
const FALLBACK_DESCRIPTIONS: Readonly<Record<string, string>> = {
  new_start: 'New local start time, one offered by check_availability for the same appointment type',
  phone: "The patient's phone number, only if the caller gave one",
  part_of_day: 'Preferred part of the day',
};

/** Formats the contract expresses as patterns, in words the LLM follows (checked against sample values). */
const FORMAT_WORDS = [
  { sample: '2030-01-31T09:30', words: 'local date and time as YYYY-MM-DDTHH:mm, 24-hour' },
  { sample: '2030-01-31', words: 'YYYY-MM-DD' },
  { sample: '09:30', words: 'HH:mm, 24-hour' },
];

/**
 * ElevenLabs webhook-tool definitions for the receptionist's tools, ready to create with
 * `POST /v1/convai/tools` as `{ "tool_config": <definition> }` (or to paste into an agent's tools).
 * Arguments come from the domain's tool contract; the practice and conversation travel in headers that
 * ElevenLabs fills from its system variables, and the API key from a workspace secret, so the LLM can
 * neither see nor choose them.
 */
export function elevenLabsToolDefinitions(baseUrl: string, options: ElevenLabsToolDefinitionOptions): ElevenLabsWebhookTool[] {
  const root = baseUrlSchema.parse(baseUrl);
  const { secretId, responseTimeoutSecs } = optionsSchema.parse(options);
  const contract = receptionistToolDefinitions();
  const describedElsewhere = descriptionsByArgument(contract);
  return ELEVENLABS_TOOL_NAMES.map((name) => {
    const definition = contract.find((tool) => tool.name === name);
    if (!definition) throw new Error(`the tool contract has no tool named ${name}`);
    return {
      type: 'webhook',
      name,
      description: definition.description,
      response_timeout_secs: responseTimeoutSecs,
      api_schema: {
        url: `${root}${TOOLS_PATH}/${name}`,
        method: 'POST',
        request_headers: requestHeaders(secretId),
        request_body_schema: {
          type: 'object',
          description: `Arguments of ${name}`,
          required: requiredOf(definition),
          properties: parametersOf(definition, describedElsewhere),
        },
      },
    };
  });
}

function requestHeaders(secretId: string): Record<string, ElevenLabsHeaderValue> {
  const headers: Record<string, ElevenLabsHeaderValue> = { [API_KEY_HEADER]: { secret_id: secretId } };
  for (const { header, variable } of Object.values(TOOL_CONTEXT_HEADERS)) headers[header] = { variable_name: variable };
  return headers;
}

interface JsonSchemaProperty {
  type?: unknown;
  description?: unknown;
  enum?: unknown;
  pattern?: unknown;
}

function propertiesOf(definition: ToolDefinition): Record<string, JsonSchemaProperty> {
  return (definition.parameters['properties'] ?? {}) as Record<string, JsonSchemaProperty>;
}

function requiredOf(definition: ToolDefinition): string[] {
  const required = definition.parameters['required'];
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

function parametersOf(definition: ToolDefinition, describedElsewhere: ReadonlyMap<string, string>): Record<string, ElevenLabsLlmParameter> {
  const parameters: Record<string, ElevenLabsLlmParameter> = {};
  for (const [argument, schema] of Object.entries(propertiesOf(definition))) {
    const type = schema.type;
    if (type !== 'string' && type !== 'number' && type !== 'integer' && type !== 'boolean') {
      throw new Error(`${definition.name}.${argument}: type ${String(type)} is not a literal ElevenLabs parameter`);
    }
    const words =
      (typeof schema.description === 'string' ? schema.description : undefined) ??
      describedElsewhere.get(argument) ??
      FALLBACK_DESCRIPTIONS[argument] ??
      humanize(argument);
    const format = typeof schema.pattern === 'string' ? formatWords(schema.pattern) : undefined;
    const values = Array.isArray(schema.enum) ? schema.enum.filter((value): value is string => typeof value === 'string') : undefined;
    parameters[argument] = {
      type,
      description: format && !words.includes(format) ? `${words} (${format})` : words,
      ...(values && values.length > 0 ? { enum: values } : {}),
    };
  }
  return parameters;
}

/** The first description any tool gives an argument of that name, e.g. full_name from book_appointment. */
function descriptionsByArgument(contract: readonly ToolDefinition[]): Map<string, string> {
  const described = new Map<string, string>();
  for (const definition of contract) {
    for (const [argument, schema] of Object.entries(propertiesOf(definition))) {
      if (typeof schema.description === 'string' && !described.has(argument)) described.set(argument, schema.description);
    }
  }
  return described;
}

function formatWords(pattern: string): string | undefined {
  const expression = new RegExp(pattern);
  return FORMAT_WORDS.find(({ sample }) => expression.test(sample))?.words;
}

function humanize(argument: string): string {
  const words = argument.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
