import type { Clock } from '@crowndesk/domain';

export interface OutboxWriteOptions {
  /** Timestamps of what is written. Default: the system clock. */
  clock?: Clock;
  /** Called after a commit that added a message: typically `() => relay.wake()`, to deliver at once. */
  onQueued?: () => void;
}

export const systemClock: Clock = { now: () => new Date() };
