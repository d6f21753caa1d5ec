import type { CallRecord, Slot } from '../model';
import type { Clock } from '../ports';
import type { DeliveryOutcome, OutboxDelivery } from './outbox-delivery';
import type { NewOutboxMessage, OutboxMessage, OutboxStatus, StoredOutboxMessage } from './outbox-message';
import type { OutboxBacklog, OutboxStore } from './outbox-store';
import type { RelayTimers } from './outbox-relay';

/** Test doubles for the relay's ports. The real stores (SQLite, PostgreSQL) have their own tests. */

interface Row {
  message: StoredOutboxMessage;
  status: OutboxStatus;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  lastError: string | null;
}

/** The OutboxStore contract over a Map: leases, owner checks and backlog as the databases do them. */
export class InMemoryOutboxStore implements OutboxStore {
  readonly rows = new Map<string, Row>();
  private nextId = 1;

  add(message: NewOutboxMessage | { practiceId: string; topic: string; idempotencyKey: string; payload: unknown }, createdAt: Date): string {
    const id = `obx_${this.nextId++}`;
    this.rows.set(id, {
      message: { id, ...message, attempts: 0, createdAt: createdAt.toISOString() },
      status: 'pending',
      nextAttemptAt: createdAt.getTime(),
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: null,
    });
    return id;
  }

  row(id: string): Row {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no outbox row ${id}`);
    return row;
  }

  async claimDue(workerId: string, now: Date, limit: number, leaseMs: number): Promise<StoredOutboxMessage[]> {
    const due = [...this.rows.values()]
      .filter((row) => row.status === 'pending' && row.nextAttemptAt <= now.getTime())
      .filter((row) => row.leaseExpiresAt === null || row.leaseExpiresAt < now.getTime())
      .sort((a, b) => a.message.createdAt.localeCompare(b.message.createdAt))
      .slice(0, limit);
    for (const row of due) {
      row.leaseOwner = workerId;
      row.leaseExpiresAt = now.getTime() + leaseMs;
      row.message = { ...row.message, attempts: row.message.attempts + 1 };
    }
    return due.map((row) => row.message);
  }

  async markDelivered(id: string, workerId: string): Promise<boolean> {
    return this.settle(id, workerId, (row) => {
      row.status = 'delivered';
    });
  }

  async scheduleRetry(id: string, workerId: string, nextAttemptAt: Date, reason: string): Promise<boolean> {
    return this.settle(id, workerId, (row) => {
      row.nextAttemptAt = nextAttemptAt.getTime();
      row.lastError = reason;
    });
  }

  async markRejected(id: string, workerId: string, reason: string): Promise<boolean> {
    return this.settle(id, workerId, (row) => {
      row.status = 'rejected';
      row.lastError = reason;
    });
  }

  async backlog(now: Date): Promise<OutboxBacklog> {
    const pending = [...this.rows.values()].filter((row) => row.status === 'pending');
    const oldest = pending.map((row) => Date.parse(row.message.createdAt)).sort((a, b) => a - b)[0];
    return {
      count: pending.length,
      oldestAgeMs: oldest === undefined ? null : now.getTime() - oldest,
      rejected: [...this.rows.values()].filter((row) => row.status === 'rejected').length,
    };
  }

  private settle(id: string, workerId: string, change: (row: Row) => void): boolean {
    const row = this.rows.get(id);
    if (!row || row.status !== 'pending' || row.leaseOwner !== workerId) return false;
    change(row);
    row.leaseOwner = null;
    row.leaseExpiresAt = null;
    return true;
  }
}

type Answer = DeliveryOutcome | Error | 'hang';

/** An OutboxDelivery that answers from a script (per idempotency key, else the default) and keeps every attempt. */
export class ScriptedDelivery implements OutboxDelivery {
  readonly attempts: { message: OutboxMessage; signal: AbortSignal }[] = [];
  private readonly scripts = new Map<string, Answer[]>();
  fallback: Answer = { status: 'delivered' };

  /** The next answers for this key, in order; then the fallback. */
  script(idempotencyKey: string, ...answers: Answer[]): void {
    this.scripts.set(idempotencyKey, answers);
  }

  attemptsFor(idempotencyKey: string): number {
    return this.attempts.filter((attempt) => attempt.message.idempotencyKey === idempotencyKey).length;
  }

  async deliver(message: OutboxMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    this.attempts.push({ message, signal });
    const answer = this.scripts.get(message.idempotencyKey)?.shift() ?? this.fallback;
    if (answer === 'hang') {
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

/** Timers the test fires by hand: the relay loop advances only when told. */
export class ManualTimers implements RelayTimers {
  private pending = new Map<number, { callback: () => void; ms: number }>();
  private nextHandle = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.set(handle, { callback, ms });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The delays of the timers now waiting. */
  waiting(): number[] {
    return [...this.pending.values()].map((timer) => timer.ms);
  }

  /** Fires every waiting timer once. */
  fire(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.callback();
  }
}

export class MutableClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return this.current;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export { RecordingLogger } from '../recording-logger.fixture';

export const T0 = new Date('2026-06-01T13:00:00.000Z');

export const slot: Slot = {
  typeCode: 'cleaning',
  providerId: 'prov-park',
  operatoryId: 'op-1',
  start: '2026-06-09T14:00:00.000Z',
  end: '2026-06-09T15:00:00.000Z',
};

export function finishedCall(callId: string): CallRecord {
  return {
    callId,
    practiceId: 'practice-maple',
    channel: 'retell',
    callerNumber: '+15551230001',
    startedAt: '2026-06-01T12:55:00.000Z',
    endedAt: '2026-06-01T12:59:30.000Z',
    transcript: [
      { speaker: 'agent', text: 'Thank you for calling Maple Dental.' },
      { speaker: 'caller', text: 'This is Maria Lopez, I need a cleaning.' },
    ],
    outcome: 'booked',
    summary: 'Maria Lopez booked a cleaning.',
    appointmentIds: ['apt-1'],
  };
}
