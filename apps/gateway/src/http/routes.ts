import type { RequestHandler, Router } from 'express';
import { sendError } from './errors';

/**
 * Declares one path with its handlers per method. Any other method on a known path gets a JSON 405 with
 * an Allow header, instead of falling through to the 404 that unknown paths get.
 */

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type RouteHandlers = Partial<Record<Method, RequestHandler>>;

export function defineRoute(router: Router, path: string, handlers: RouteHandlers): void {
  const route = router.route(path);
  const allowed: string[] = [];
  for (const [method, handler] of Object.entries(handlers) as [Method, RequestHandler][]) {
    route[method](handler);
    allowed.push(method.toUpperCase());
  }
  // Express answers HEAD with the GET handler.
  if (handlers.get) allowed.push('HEAD');
  const allow = allowed.join(', ');
  route.all((request, response) => {
    response.setHeader('Allow', allow);
    sendError(response, 405, 'method_not_allowed', `${request.method} is not allowed here; use ${allow}`);
  });
}
