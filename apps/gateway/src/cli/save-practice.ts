import { readFileSync } from 'node:fs';
import { openEmbeddedDatabase, savePractice } from '@crowndesk/adapters-sqlite';
import type { Logger } from '@crowndesk/domain';
import { demoPractice, parseSavePracticeArguments, practiceFromFile, USAGE, type PracticeToSave } from './practice/practice-file';

/**
 * Configures a practice in the gateway's directory (see USAGE). Exit codes: 0 saved, 1 the file or the database
 * refused it (the message says why), 2 bad options.
 */

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function load(source: { kind: 'file'; path: string } | { kind: 'demo' }): PracticeToSave {
  if (source.kind === 'demo') return demoPractice();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(source.path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${source.path} as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return practiceFromFile(json);
}

function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error; current !== undefined && messages.length < 4; ) {
    messages.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages.join(': ');
}

function main(argv: string[]): number {
  let command;
  try {
    command = parseSavePracticeArguments(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (command === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    const { practice, routing } = load(command.source);
    // Never the demo seed: this directory serves the practices saved in it.
    const database = openEmbeddedDatabase({ dataDir: command.dataDir, logger: silent, seedDemo: false });
    try {
      savePractice(database, practice, routing);
      process.stdout.write(
        `Saved practice ${practice.id} with ${routing.phoneNumbers.length} number(s) and ${routing.voiceAgentIds.length} voice agent(s) in ${database.file}\n`,
      );
    } finally {
      database.close();
    }
    return 0;
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
