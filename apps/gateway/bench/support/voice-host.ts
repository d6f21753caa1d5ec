import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuiltinReceptionistModel } from '@crowndesk/adapters-builtin-model';
import { parseConfig } from '../../src/config';
import { startGateway } from '../../src/server';
import { startEchoServer } from './echo-server';
import { LogTally } from './log-tally';
import { voiceHostCommandSchema, voiceHostEnvironmentSchema, type VoiceHostMessage } from './voice-host-messages';

/**
 * The server side of the voice benchmark, in its own process (forked by voice-host-process.ts) so that it has
 * its own event loop and CPU account, as in production where Twilio and the speech vendors are remote. Serves
 * the real gateway on the media-stream speech path (embedded SQLite in a fresh DATA_DIR, built-in engine,
 * info-level logs; OpenAI and ElevenLabs are the benchmark's loopback stand-ins) and the ws echo baseline.
 */

function tell(message: VoiceHostMessage): void {
  if (process.connected) process.send?.(message);
}

const environment = voiceHostEnvironmentSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const dataDir = await mkdtemp(join(tmpdir(), 'crowndesk-voice-bench-'));
const logs = new LogTally();
const config = parseConfig({
  ...environment,
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'info',
  SHUTDOWN_GRACE_MS: '0',
});
// OPENAI_API_KEY (the recognizer's) would also pick OpenAI as the chat model: the built-in engine answers.
const gateway = await startGateway(config, { languageModel: new BuiltinReceptionistModel(), logDestination: logs });
const echo = await startEchoServer();

let stopping: Promise<void> | undefined;
async function stop(): Promise<void> {
  try {
    await gateway.close();
    await echo.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  tell({ type: 'stopped', logLevels: logs.levels, problems: [...logs.problems] });
  if (process.connected) process.disconnect?.();
}

process.on('message', (raw) => {
  const command = voiceHostCommandSchema.parse(raw);
  if (command.type === 'cpu') {
    const usage = process.cpuUsage();
    tell({ type: 'cpu', micros: usage.user + usage.system });
    return;
  }
  stopping ??= stop();
});
// The benchmark went away without saying stop: clean up all the same.
process.on('disconnect', () => void (stopping ??= stop()));

tell({ type: 'ready', gatewayUrl: gateway.url, echoUrl: echo.url });
