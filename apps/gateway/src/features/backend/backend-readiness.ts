import type { CrownDeskHealth } from '@crowndesk/adapters-crowndesk';
import type { PostgresDatabase } from '@crowndesk/adapters-postgres';
import type { Clock, OutboxStore } from '@crowndesk/domain';
import type { ReadinessCheck, ReadinessDetail } from '../../http/readiness';

/**
 * What /health/ready says about the system of record. The shared PostgreSQL database is a hard check: without it
 * nothing a caller agrees to can be kept. The backend's reachability and the outbox backlog are reported, never
 * failing: calls are still taken while CrownDesk is down (bookings and records wait in the outbox), and the
 * backlog tells staff how far behind delivery is.
 */

export function postgresCheck(database: PostgresDatabase): ReadinessCheck {
  return {
    name: 'postgres',
    probe: async () => {
      if (!(await database.ping())) throw new Error('PostgreSQL did not answer, or its schema is not at this build');
    },
  };
}

/** `{status: 'up', durationMs}` or `{status: 'down', reason, httpStatus?, durationMs}`. */
export function backendDetail(health: CrownDeskHealth): ReadinessDetail {
  return { name: 'backend', read: () => health.check() };
}

/** `{count, oldestAgeMs, rejected}`: messages still to deliver, the age of the oldest, those parked for staff. */
export function outboxDetail(store: OutboxStore, clock: Clock): ReadinessDetail {
  return { name: 'outbox', read: () => store.backlog(clock.now()) };
}
