import { Router } from 'express';
import type { Logger } from '@crowndesk/domain';
import type { Readiness } from './readiness';
import { defineRoute } from './routes';

/** GET /health: the process answers (liveness). GET /health/ready: it can take calls (readiness). */
export function healthRouter(readiness: Readiness, logger: Logger): Router {
  const router = Router();

  defineRoute(router, '/health', {
    get: (_request, response) => {
      response.setHeader('Cache-Control', 'no-store');
      response.json({ status: 'ok' });
    },
  });

  defineRoute(router, '/health/ready', {
    get: async (_request, response) => {
      response.setHeader('Cache-Control', 'no-store');
      const report = await readiness.report();
      if (report.status !== 'draining') {
        for (const unread of report.unreadDetails) {
          logger.warn({ detail: unread.detail, error: unread.error }, 'readiness detail could not be read');
        }
      }
      if (report.status === 'ready') {
        response.json({ status: report.status, checks: report.checks, ...report.details });
        return;
      }
      if (report.status === 'not_ready') {
        for (const failure of report.failures) {
          logger.warn({ check: failure.check, error: failure.error }, 'readiness check failing');
        }
        response.status(503).json({ status: report.status, checks: report.checks, ...report.details });
        return;
      }
      response.status(503).json(report);
    },
  });

  return router;
}
