import 'reflect-metadata';
import { ConfigError, parseConfig, type GatewayConfig } from './config';
import { installProcessHandlers } from './process-handlers';
import { startGateway, type RunningGateway } from './server';

/** The service's entry point: configuration, startup, and exit on deploy signals. */

function loadConfig(): GatewayConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** "Cannot listen on 0.0.0.0:8080: listen EADDRINUSE ..." — the whole cause chain on one line. */
function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (let current: unknown = error; current !== undefined && messages.length < 5; ) {
    messages.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages.join(': ');
}

async function start(config: GatewayConfig): Promise<RunningGateway> {
  try {
    return await startGateway(config);
  } catch (error) {
    process.stderr.write(`The gateway could not start: ${describeFailure(error)}\n`);
    process.exit(1);
  }
}

const config = loadConfig();
const gateway = await start(config);
const { logger } = gateway;

logger.info(
  {
    url: gateway.url,
    port: gateway.port,
    host: config.HOST,
    backend: config.embeddedMode ? 'embedded-sqlite' : 'crowndesk',
    durableState: config.durableState,
    dataDir: config.DATA_DIR,
    languageModel: config.languageModel,
    twilioVoice: config.twilioVoice,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
  },
  'gateway listening',
);

// npm and tsx relay a terminal's Ctrl-C to this process as well, so one keypress can arrive twice.
const REPEATED_SIGNAL_WINDOW_MS = 2_000;
let stoppingSince: number | undefined;

function stop(exitCode: number, reason: string): void {
  if (stoppingSince !== undefined) {
    if (Date.now() - stoppingSince < REPEATED_SIGNAL_WINDOW_MS) return;
    logger.warn({ reason }, 'second stop request: exiting without draining');
    process.exit(exitCode === 0 ? 1 : exitCode);
  }
  stoppingSince = Date.now();
  logger.info({ reason }, 'stopping');
  gateway.close().then(
    () => process.exit(exitCode),
    (error: unknown) => {
      logger.error({ error }, 'graceful shutdown failed');
      process.exit(1);
    },
  );
}

// Fly sends kill_signal (SIGTERM here, SIGINT by default); Ctrl-C in a terminal is SIGINT.
process.on('SIGTERM', () => stop(0, 'SIGTERM'));
process.on('SIGINT', () => stop(0, 'SIGINT'));
installProcessHandlers({ logger, onFatal: () => stop(1, 'uncaught exception') });
