import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: npm run elevenlabs:tools -- --url <https://host> --secret-id <id> [--timeout <seconds>]

Prints the receptionist's tools as ElevenLabs webhook-tool definitions (JSON), ready to paste into an agent's
tools or to create one by one with POST /v1/convai/tools and the body {"tool_config": <definition>}.

Options:
  --url <url>          The gateway's public base URL; the tools call <url>/api/elevenlabs/tools/<tool>
  --secret-id <id>     Id of the ElevenLabs workspace secret that holds ELEVENLABS_TOOL_API_KEY
                       (create it with POST /v1/convai/secrets; the response has its secret_id)
  --timeout <seconds>  How long ElevenLabs waits for a tool, 5-120 (default 20)
  --help               Show this help
`;

const optionsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: '--url must be an http(s) URL, e.g. https://voice.example.com' }),
  secretId: z.string({ error: '--secret-id is required' }).trim().min(1, '--secret-id is required').max(200, '--secret-id is too long'),
  timeout: z
    .string()
    .regex(/^\d{1,3}$/, '--timeout must be a whole number of seconds between 5 and 120')
    .transform(Number)
    .pipe(z.number().min(5, '--timeout must be at least 5').max(120, '--timeout must be at most 120'))
    .optional(),
});

export type ToolsCommandOptions = z.output<typeof optionsSchema>;

/** Returns null when help was asked for; throws with a readable message on bad input. */
export function parseToolsArguments(argv: string[]): ToolsCommandOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      'secret-id': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  if (values.url === undefined) throw new Error('--url is required');
  const parsed = optionsSchema.safeParse({ url: values.url, secretId: values['secret-id'], timeout: values.timeout });
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  return parsed.data;
}
