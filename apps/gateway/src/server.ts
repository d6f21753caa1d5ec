import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger as PinoLogger } from 'pino';
import { RETELL_MAX_FRAME_BYTES, type RetellCallHandler } from '@crowndesk/adapters-retell';
import type { EmbeddedDatabase } from '@crowndesk/adapters-sqlite';
import { TOKENS, type Logger } from '@crowndesk/domain';
import type { GatewayConfig } from './config';
import { createGatewayContainer, GATEWAY, type GatewayOverrides } from './container';
import { startBackendServices, type BackendServices } from './features/backend-services';
import { voiceChannelsOf } from './features/voice-channels';
import { createHttpApp } from './http/app';
import { Readiness } from './http/readiness';
import { shutDown } from './shutdown';
import { attachUpgradeRouter } from './ws/upgrade-router';

export interface RunningGateway {
  /** The port actually bound (an ephemeral one when PORT=0). */
  port: number;
  /** Base URL for local clients, e.g. http://127.0.0.1:8080. */
  url: string;
  /** The gateway's logger (JSON on stdout, PHI redacted). */
  logger: Logger;
  /** Graceful shutdown; idempotent. */
  close(): Promise<void>;
}

export type { GatewayOverrides } from './container';

/** Starts HTTP and WebSocket serving on one port, with every adapter chosen by the container. */
export async function startGateway(config: GatewayConfig, overrides: GatewayOverrides = {}): Promise<RunningGateway> {
  const container = createGatewayContainer(config, overrides);
  const rootLogger = container.get<PinoLogger>(GATEWAY.RootLogger);
  let backend: BackendServices | undefined;
  // The relay stops first (the calls have drained), then unbinding deactivates the singletons: the databases close.
  const release = async () => {
    await backend?.stop();
    await container.unbindAll();
    rootLogger.flush();
  };
  try {
    const logger = container.get<Logger>(TOKENS.Logger);
    backend = await startBackendServices(container);
    const database = container.get<EmbeddedDatabase>(GATEWAY.EmbeddedDatabase);
    const calls = container.get<RetellCallHandler>(GATEWAY.RetellCallHandler);
    const voice = voiceChannelsOf(container);

    const readiness = new Readiness([
      {
        name: 'database',
        probe: () => {
          if (!database.ping()) throw new Error('embedded database did not answer');
        },
      },
      ...backend.checks,
    ], backend.details);
    const server = createServer(createHttpApp({ readiness, logger, features: [...voice.routes, ...backend.routes] }));
    const upgrades = attachUpgradeRouter(server, {
      retell: calls,
      maxPayload: RETELL_MAX_FRAME_BYTES,
      ...(voice.mediaStream ? { mediaStream: voice.mediaStream } : {}),
      isDraining: () => readiness.draining,
      logger,
    });

    const port = await listen(server, config.PORT, config.HOST);
    let closing: Promise<void> | undefined;
    return {
      port,
      logger,
      url: `http://${clientHost(config.HOST)}:${port}`,
      close: () =>
        (closing ??= shutDown({
          server,
          readiness,
          upgrades,
          calls,
          moreCalls: voice.liveCalls,
          graceMs: config.SHUTDOWN_GRACE_MS,
          logger,
          release,
        })),
    };
  } catch (error) {
    await release();
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new Error(`Cannot listen on ${host}:${port}`, { cause: error }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A wildcard bind address is not something a client can dial. */
function clientHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
