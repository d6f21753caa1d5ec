import type { Clock, Logger } from '../ports';
import { failureCode } from './failure-code';
import type { DeliveryOutcome, OutboxDelivery } from './outbox-delivery';
import type { OutboxMessage, StoredOutboxMessage } from './outbox-message';
import { parseOutboxMessage } from './outbox-schemas';
import type { OutboxStore } from './outbox-store';
import type { RetryPolicy } from './retry-policy';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy';

/** The relay's only use of time besides the clock: when to poll next. Injectable so tests drive the loop. */
export interface RelayTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface OutboxRelayOptions {
  store: OutboxStore;
  delivery: OutboxDelivery;
  clock: Clock;
  logger: Logger;
  /** Unique per relay instance (host, process, random part): the owner of the leases it takes. */
  workerId: string;
  /** Messages claimed (and delivered concurrently) per round. Default 10. */
  batchSize?: number;
  /** How long a claim keeps a message from other relays. Default 60 s. */
  leaseMs?: number;
  /** Deadline of one delivery, well inside the lease. Default min(30 s, lease / 2). */
  deliveryTimeoutMs?: number;
  /** Wait between rounds when the outbox has nothing more due. Default 5 s. */
  pollIntervalMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Uniform [0, 1) for the backoff jitter. Default Math.random. */
  random?: () => number;
  timers?: RelayTimers;
}

/** What one round did. `leaseLost`: delivered or failed after another relay had taken the message over. */
export interface RelayRound {
  claimed: number;
  delivered: number;
  retried: number;
  rejected: number;
  leaseLost: number;
}

type Settled = 'delivered' | 'retried' | 'rejected' | 'leaseLost';

const systemTimers: RelayTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Delivers the outbox to the practice's backend: claims due messages with a lease, delivers them with their
 * idempotency key, and records each result. Transient failures are retried forever with capped exponential
 * backoff and full jitter; permanent refusals are parked for staff and logged loudly. At-least-once towards
 * the backend, which deduplicates on the key: so exactly once in effect, across crashes and several relays.
 * Logs ids, topics, attempts and codes only.
 */
export class OutboxRelay {
  private readonly store: OutboxStore;
  private readonly delivery: OutboxDelivery;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly workerId: string;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly deliveryTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly random: () => number;
  private readonly timers: RelayTimers;

  private running = false;
  private stopping = new AbortController();
  private timer: unknown;
  private round: Promise<void> | undefined;
  private woken = false;

  constructor(options: OutboxRelayOptions) {
    if (options.workerId.trim() === '') throw new Error('OutboxRelay needs a non-empty workerId');
    this.store = options.store;
    this.delivery = options.delivery;
    this.clock = options.clock;
    this.logger = options.logger;
    this.workerId = options.workerId;
    this.batchSize = positive(options.batchSize ?? 10, 'batchSize');
    this.leaseMs = positive(options.leaseMs ?? 60_000, 'leaseMs');
    this.deliveryTimeoutMs = positive(options.deliveryTimeoutMs ?? Math.min(30_000, this.leaseMs / 2), 'deliveryTimeoutMs');
    if (this.deliveryTimeoutMs >= this.leaseMs) throw new Error('OutboxRelay deliveryTimeoutMs must be shorter than leaseMs');
    this.pollIntervalMs = positive(options.pollIntervalMs ?? 5_000, 'pollIntervalMs');
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? systemTimers;
  }

  /** One round: claim what is due at `now`, deliver it all, record every result. */
  async relayOnce(now: Date = this.clock.now()): Promise<RelayRound> {
    const claimed = await this.store.claimDue(this.workerId, now, this.batchSize, this.leaseMs);
    const settled = await Promise.all(claimed.map((stored) => this.settle(stored)));
    const round: RelayRound = { claimed: claimed.length, delivered: 0, retried: 0, rejected: 0, leaseLost: 0 };
    for (const result of settled) round[result] += 1;
    if (round.claimed > 0) this.logger.debug({ workerId: this.workerId, ...round }, 'outbox relay round');
    return round;
  }

  /** Starts polling: a round now, then one whenever the last found work or the poll interval has passed. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.logger.info({ workerId: this.workerId, pollIntervalMs: this.pollIntervalMs, batchSize: this.batchSize }, 'outbox relay started');
    this.schedule(0);
  }

  /** Deliver now rather than at the next poll: call it right after writing to the outbox. */
  wake(): void {
    if (!this.running) return;
    if (this.round) {
      this.woken = true;
      return;
    }
    this.cancelTimer();
    this.schedule(0);
  }

  /**
   * Stops polling and aborts deliveries in flight; resolves when the current round has recorded its results.
   * An interrupted message is released for any relay to take again at once (its delivery may have landed:
   * the idempotency key makes the replay harmless).
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.cancelTimer();
    this.stopping.abort();
    await this.round;
    this.logger.info({ workerId: this.workerId }, 'outbox relay stopped');
  }

  private schedule(ms: number): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    this.woken = false;
    let next = this.pollIntervalMs;
    this.round = this.relayOnce().then(
      (round) => {
        // A full batch means more is probably due: go on at once.
        if (round.claimed >= this.batchSize) next = 0;
      },
      (error: unknown) => {
        this.logger.error({ workerId: this.workerId, errorName: errorName(error) }, 'outbox relay round failed');
      },
    );
    await this.round;
    this.round = undefined;
    if (this.running) this.schedule(this.woken ? 0 : next);
  }

  private async settle(stored: StoredOutboxMessage): Promise<Settled> {
    const parsed = parseOutboxMessage(stored);
    if (!parsed.ok) {
      // A row we cannot read will not become readable by waiting: park it where staff look.
      return this.reject(stored, parsed.problem);
    }
    const message = parsed.message;
    const started = this.clock.now().getTime();
    const outcome = await this.attempt(message);
    const fields = { ...this.ids(message), durationMs: this.clock.now().getTime() - started };

    if (outcome.status === 'delivered') {
      const recorded = await this.store.markDelivered(message.id, this.workerId, this.clock.now());
      if (!recorded) return this.leaseLost(message, 'delivered');
      this.logger.info(fields, 'outbox message delivered');
      return 'delivered';
    }
    if (outcome.status === 'rejected') return this.reject(message, outcome.reason);

    const reason = failureCode(outcome.reason);
    // Interrupted by our own shutdown: another relay may take it again at once.
    const delayMs = this.stopping.signal.aborted ? 0 : retryDelayMs(message.attempts, this.retryPolicy, this.random);
    const nextAttemptAt = new Date(this.clock.now().getTime() + delayMs);
    const recorded = await this.store.scheduleRetry(message.id, this.workerId, nextAttemptAt, reason);
    if (!recorded) return this.leaseLost(message, 'retry');
    this.logger.warn({ ...fields, reason, retryInMs: delayMs }, 'outbox delivery failed: will retry');
    return 'retried';
  }

  private async attempt(message: OutboxMessage): Promise<DeliveryOutcome> {
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.deliveryTimeoutMs)]);
    try {
      return await this.delivery.deliver(message, signal);
    } catch (error) {
      const reason = this.stopping.signal.aborted ? 'interrupted' : signal.aborted ? 'timeout' : 'delivery_error';
      this.logger.error({ ...this.ids(message), reason, errorName: errorName(error) }, 'outbox delivery threw');
      return { status: 'retry', reason };
    }
  }

  private async reject(message: StoredOutboxMessage, reason: string): Promise<Settled> {
    const code = failureCode(reason);
    const recorded = await this.store.markRejected(message.id, this.workerId, code, this.clock.now());
    if (!recorded) return this.leaseLost(message, 'rejected');
    this.logger.error(
      { ...this.ids(message), reason: code },
      'outbox message REJECTED by the backend: parked for staff, it will not be retried',
    );
    return 'rejected';
  }

  private ids(message: StoredOutboxMessage) {
    return { workerId: this.workerId, ...messageIds(message) };
  }

  private leaseLost(message: StoredOutboxMessage, outcome: string): Settled {
    this.logger.warn({ ...this.ids(message), outcome }, 'outbox lease lost: another relay owns this message now');
    return 'leaseLost';
  }
}

function messageIds(message: StoredOutboxMessage) {
  return { messageId: message.id, topic: message.topic, practiceId: message.practiceId, attempts: message.attempts };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`OutboxRelay ${name} must be a positive number`);
  return value;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
