import { elevenLabsToolDefinitions } from '@crowndesk/adapters-elevenlabs';
import { parseToolsArguments, USAGE } from './elevenlabs-tools/arguments';

/**
 * `npm run elevenlabs:tools -- --url https://host --secret-id <id>`: the ElevenLabs webhook-tool definitions
 * of the receptionist's tools, as JSON on stdout (nothing else goes there, so it can be piped).
 */

function main(argv: string[]): number {
  let options;
  try {
    options = parseToolsArguments(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  const definitions = elevenLabsToolDefinitions(options.url, {
    secretId: options.secretId,
    ...(options.timeout !== undefined ? { responseTimeoutSecs: options.timeout } : {}),
  });
  process.stdout.write(`${JSON.stringify(definitions, null, 2)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
