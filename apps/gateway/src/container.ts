import { Container, type ResolutionContext } from 'inversify';
import type { DestinationStream, Logger as PinoLogger } from 'pino';
import {
  FrontDesk,
  OUTBOX_TOKENS,
  ReceptionistConversationFactory,
  ReceptionistToolRunner,
  receptionistToolDefinitions,
  TOKENS,
  type CallLog,
  type Clock,
  type ConversationFactory,
  type LanguageModel,
  type Logger,
  type PendingBookingStore,
  type PracticeDirectory,
  type SchedulingBackend,
  type ToolRunner,
} from '@crowndesk/domain';
import { BuiltinReceptionistModel } from '@crowndesk/adapters-builtin-model';
import { OpenAiLanguageModel } from '@crowndesk/adapters-openai';
import { RetellCallHandler } from '@crowndesk/adapters-retell';
import { openEmbeddedDatabase, SqlitePracticeDirectory, type EmbeddedDatabase } from '@crowndesk/adapters-sqlite';
import type { GatewayConfig } from './config';
import { bindSchedulingBackend } from './features/backend/backend-bindings';
import type { OutboxRelayTuning } from './features/backend/backend-tokens';
import { bindDurableState } from './features/outbox/durable-state-bindings';
import { bindRetellWebhook } from './features/retell-webhook/retell-webhook-bindings';
import { bindElevenLabs } from './features/elevenlabs/elevenlabs-bindings';
import { bindTwilioVoice } from './features/voice-agent/twilio-voice-bindings';
import { asDomainLogger, createLogger } from './logging';

/**
 * The composition root: the only place that decides which adapter serves which port. Adapters are plain
 * classes, so every binding is a factory; all are singletons, created on first use, for the process.
 */

/** Services of the gateway itself (the ports' tokens are the domain's TOKENS). */
export const GATEWAY = {
  Config: Symbol.for('crowndesk.gateway.Config'),
  RootLogger: Symbol.for('crowndesk.gateway.RootLogger'),
  EmbeddedDatabase: Symbol.for('crowndesk.gateway.EmbeddedDatabase'),
  FrontDesk: Symbol.for('crowndesk.gateway.FrontDesk'),
  ToolRunner: Symbol.for('crowndesk.gateway.ToolRunner'),
  ConversationFactory: Symbol.for('crowndesk.gateway.ConversationFactory'),
  RetellCallHandler: Symbol.for('crowndesk.gateway.RetellCallHandler'),
} as const;

/** Replacements for tests and tools; production binds none of these. */
export interface GatewayOverrides {
  clock?: Clock;
  languageModel?: LanguageModel;
  /** Where log lines go instead of stdout. */
  logDestination?: DestinationStream;
  /** The outbox relay's poll interval and backoff (backend mode). */
  outboxRelay?: OutboxRelayTuning;
  /** How long a Retell call waits for a reconnect before it is finished and recorded (adapter default 15 s). */
  retellFinishGraceMs?: number;
}

const systemClock: Clock = { now: () => new Date() };

export function createGatewayContainer(config: GatewayConfig, overrides: GatewayOverrides = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  bindFoundation(container, config, overrides);
  bindEmbeddedBackend(container, config);
  bindSchedulingBackend(container, config, GATEWAY, overrides.outboxRelay);
  bindDurableState(container, config, GATEWAY);
  bindLanguageModel(container, config, overrides);
  bindReceptionist(container);
  bindTransports(container, config, overrides);
  bindRetellWebhook(container, config);
  bindTwilioVoice(container, config, GATEWAY);
  bindElevenLabs(container, config, GATEWAY);
  return container;
}

function bindFoundation(container: Container, config: GatewayConfig, overrides: GatewayOverrides): void {
  container.bind<GatewayConfig>(GATEWAY.Config).toConstantValue(config);
  container
    .bind<PinoLogger>(GATEWAY.RootLogger)
    .toConstantValue(createLogger({ level: config.LOG_LEVEL, ...(overrides.logDestination ? { destination: overrides.logDestination } : {}) }));
  container.bind<Logger>(TOKENS.Logger).toDynamicValue((context) => asDomainLogger(context.get<PinoLogger>(GATEWAY.RootLogger)));
  container.bind<Clock>(TOKENS.Clock).toConstantValue(overrides.clock ?? systemClock);
}

/**
 * The SQLite file under DATA_DIR: always the practice directory; in embedded mode also patients, the schedule
 * and the call log, seeded with the demo practice. With a backend, practices are configured (README), never seeded.
 */
function bindEmbeddedBackend(container: Container, config: GatewayConfig): void {
  container
    .bind<EmbeddedDatabase>(GATEWAY.EmbeddedDatabase)
    .toDynamicValue((context) => {
      const clock = context.get<Clock>(TOKENS.Clock);
      const options = { dataDir: config.DATA_DIR, logger: logger(context), now: () => clock.now(), seedDemo: config.embeddedMode };
      return openEmbeddedDatabase(options);
    })
    .onDeactivation((database) => database.close());
  container
    .bind<PracticeDirectory>(TOKENS.PracticeDirectory)
    .toDynamicValue((context) => new SqlitePracticeDirectory(context.get(GATEWAY.EmbeddedDatabase)));
}

/** OpenAI when a key is configured, else the built-in deterministic engine (nothing leaves the machine). */
function bindLanguageModel(container: Container, config: GatewayConfig, overrides: GatewayOverrides): void {
  const binding = container.bind<LanguageModel>(TOKENS.LanguageModel);
  if (overrides.languageModel) {
    binding.toConstantValue(overrides.languageModel);
    return;
  }
  if (config.languageModel === 'openai' && config.OPENAI_API_KEY !== undefined) {
    const apiKey = config.OPENAI_API_KEY;
    binding.toDynamicValue(
      (context) =>
        new OpenAiLanguageModel({
          apiKey,
          ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
          ...(config.OPENAI_MODEL ? { model: config.OPENAI_MODEL } : {}),
          logger: logger(context),
        }),
    );
    return;
  }
  binding.toDynamicValue((context) => new BuiltinReceptionistModel({ logger: logger(context) }));
}

function bindReceptionist(container: Container): void {
  container
    .bind<FrontDesk>(GATEWAY.FrontDesk)
    .toDynamicValue(
      (context) => {
        // Backend mode: a booking the backend cannot take during the call is queued for the relay.
        const pendingBookings = context.get<PendingBookingStore>(OUTBOX_TOKENS.PendingBookingStore, { optional: true });
        return new FrontDesk(context.get<SchedulingBackend>(TOKENS.SchedulingBackend), context.get<Clock>(TOKENS.Clock), logger(context), {
          ...(pendingBookings ? { pendingBookings } : {}),
        });
      },
    );
  container
    .bind<ToolRunner>(GATEWAY.ToolRunner)
    .toDynamicValue(
      (context) =>
        new ReceptionistToolRunner(context.get<FrontDesk>(GATEWAY.FrontDesk), context.get<Clock>(TOKENS.Clock), logger(context)),
    );
  container.bind<ConversationFactory>(GATEWAY.ConversationFactory).toDynamicValue(
    (context) =>
      new ReceptionistConversationFactory({
        model: context.get<LanguageModel>(TOKENS.LanguageModel),
        tools: context.get<ToolRunner>(GATEWAY.ToolRunner),
        toolDefinitions: receptionistToolDefinitions(),
        callLog: context.get<CallLog>(TOKENS.CallLog),
        clock: context.get<Clock>(TOKENS.Clock),
        logger: logger(context),
      }),
  );
}

function bindTransports(container: Container, config: GatewayConfig, overrides: GatewayOverrides): void {
  container.bind<RetellCallHandler>(GATEWAY.RetellCallHandler).toDynamicValue(
    (context) =>
      new RetellCallHandler({
        directory: context.get<PracticeDirectory>(TOKENS.PracticeDirectory),
        conversations: context.get<ConversationFactory>(GATEWAY.ConversationFactory),
        logger: logger(context),
        // Only the embedded demo database has a fallback practice; a real backend must know every number.
        allowFallbackPractice: config.embeddedMode,
        ...(overrides.retellFinishGraceMs !== undefined ? { finishGraceMs: overrides.retellFinishGraceMs } : {}),
      }),
  );
}

function logger(context: ResolutionContext): Logger {
  return context.get<Logger>(TOKENS.Logger);
}
