import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: npm run call -- [options]

Places a test call to the running gateway exactly as Retell does, and lets you speak as the caller.

Options:
  --url <ws url>     Custom LLM WebSocket base URL; the call id is appended (default ws://localhost:8080/retell-llm)
  --to <number>      The practice number the caller dialled, E.164 (default: the demo practice)
  --agent <id>       The Retell agent id (default: the demo practice's agent)
  --script <file>    Replay caller lines from a file (one per line, # starts a comment), then hang up
  --help             Show this help
`;

export const SIMULATED_CALLER_NUMBER = '+15555550142';

const optionsSchema = z.object({
  url: z.url({ protocol: /^wss?$/, error: '--url must be a ws:// or wss:// URL' }),
  to: z.string().regex(/^\+[1-9]\d{6,14}$/, '--to must be an E.164 number such as +15555550123'),
  agent: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, '--agent must be a Retell agent id'),
  script: z.string().min(1).optional(),
});

export type SimulatorOptions = z.infer<typeof optionsSchema> & { callId: string };

export interface SimulatorDefaults {
  toNumber: string;
  agentId: string;
}

/** Returns null when help was asked for; throws with a readable message on bad input. */
export function parseSimulatorArguments(argv: string[], defaults: SimulatorDefaults): SimulatorOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'ws://localhost:8080/retell-llm' },
      to: { type: 'string', default: defaults.toNumber },
      agent: { type: 'string', default: defaults.agentId },
      script: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  // Shaped like Retell's ids; base64url only uses characters a call id may contain.
  return { ...parsed.data, callId: `sim_${randomBytes(12).toString('base64url')}` };
}
