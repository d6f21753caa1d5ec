import type { Logger } from '@crowndesk/domain';

/**
 * Last-resort handlers. One call's bad frame or failed promise must not drop every other live call, so a
 * stray rejection is logged loudly and the process keeps serving. An uncaught exception leaves the process
 * in an unknown state: it is logged as fatal and the instance shuts down gracefully (live calls drain, the
 * health check turns 503 so the platform replaces it) and exits non-zero, so the bug is never hidden.
 */

export interface ProcessHandlerOptions {
  logger: Logger;
  /** Graceful shutdown followed by a non-zero exit. */
  onFatal(): void;
}

export function installProcessHandlers({ logger, onFatal }: ProcessHandlerOptions): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ error: reason, kind: 'unhandledRejection' }, 'unhandled promise rejection (a bug: please report it)');
  });
  process.on('uncaughtException', (error, origin) => {
    logger.error({ error, kind: origin }, 'uncaught exception: shutting down this instance');
    onFatal();
  });
}
