import express, { type Express, type Router } from 'express';
import type { Logger } from '@crowndesk/domain';
import { bodyParsers } from './body-parsing';
import { errorHandler, notFound } from './errors';
import { healthRouter } from './health-router';
import type { Readiness } from './readiness';

/**
 * A feature's HTTP routes, mounted under its own prefix. The next ones are planned:
 * /api/retell (webhook), /api/voice-agent (Twilio incoming call), /api/elevenlabs (callback).
 */
export interface FeatureRoutes {
  mountPath: `/api/${string}`;
  router: Router;
  /** The routes read the raw body themselves (e.g. express.raw): mounted ahead of the JSON and form parsers. */
  rawBody?: boolean;
}

export interface HttpAppDependencies {
  readiness: Readiness;
  logger: Logger;
  features?: readonly FeatureRoutes[];
}

export function createHttpApp({ readiness, logger, features = [] }: HttpAppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('env', 'production'); // never render stack traces, whatever NODE_ENV says

  // While draining, no connection is kept alive for reuse: the next request should reach another instance.
  app.use((_request, response, next) => {
    if (readiness.draining) response.setHeader('Connection', 'close');
    next();
  });
  app.use(healthRouter(readiness, logger));
  for (const feature of features.filter((candidate) => candidate.rawBody)) app.use(feature.mountPath, feature.router);
  // Only the API takes request bodies; everything else is GET.
  app.use('/api', ...bodyParsers());
  for (const feature of features.filter((candidate) => !candidate.rawBody)) app.use(feature.mountPath, feature.router);

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
