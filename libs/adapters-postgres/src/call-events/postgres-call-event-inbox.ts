import type { PoolClient } from 'pg';
import {
  type CallEvent,
  type CallEventAcceptance,
  type CallEventInbox,
  type CallEventSource,
  CallPracticeMismatchError,
  type CallRecord,
  type Clock,
} from '@crowndesk/domain';
import type { PostgresDatabase } from '../database/postgres-database';
import { systemClock } from '../outbox/outbox-write-options';
import { parseCallEvent } from './call-event-schema';
import { readCallRecord } from './call-record-rows';
import { mergeIntoCallRecord } from './merge-call-record';

/** Work to do once a transaction has committed (never after a rollback), e.g. waking the outbox relay. */
export type AfterCommit = () => void;

/** A merged record as the inbox wrote it, with the event that changed it and the transaction's time. */
export interface MergedCall {
  record: CallRecord;
  event: CallEvent;
  now: Date;
}

export interface PostgresCallEventInboxOptions {
  /** Time of acceptance and of what the hook writes. Default: the system clock. */
  clock?: Clock;
  /**
   * Runs inside the inbox's transaction after each accepted event's record is written (not for a replay), on
   * the transaction's client: e.g. queue the merged record in the outbox (`PostgresCallRecordOutbox`),
   * atomically with it. Rejecting rolls back the event mark and the record. It may resolve to work for after
   * the COMMIT: what it wrote is visible to other connections (another machine's relay) only then.
   */
  onMerged?: (client: PoolClient, merged: MergedCall) => Promise<AfterCommit | undefined>;
}

/** An event the inbox has taken, for operations and tests. */
export interface ReceivedCallEvent {
  source: CallEventSource;
  event: string;
  /** ISO instant. */
  receivedAt: string;
}

type Outcome = { acceptance: 'duplicate' } | { acceptance: 'accepted'; record: CallRecord; afterCommit: AfterCommit | undefined };

/**
 * CallEventInbox over the shared PostgreSQL database, for several gateway machines receiving webhooks and finishing
 * conversations of the same calls. In one READ COMMITTED transaction: mark `(source, call_id, event)` in
 * `call_events` (`ON CONFLICT DO NOTHING`; a concurrent marker of the same key waits for our outcome); if it was
 * already there, stop (a replay, nothing else changes); else lock the call's record, merge the event into it
 * (`mergeCallFacts`), write it back to `call_records`, and run `onMerged`. Any failure rolls back all of it, so
 * the sender's retry gets a clean second chance.
 */
export class PostgresCallEventInbox implements CallEventInbox {
  private readonly clock: Clock;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly options: PostgresCallEventInboxOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async accept(input: CallEvent): Promise<CallEventAcceptance> {
    const event = parseCallEvent(input);
    const ids = { source: event.source, callId: event.callId, event: event.event, practiceId: event.practiceId };
    const now = this.clock.now();
    let outcome: Outcome;
    try {
      outcome = await this.database.transaction((client) => this.acceptOnce(client, event, now));
    } catch (error) {
      // Already says which call and practices, in ids only; callers may act on its type.
      if (error instanceof CallPracticeMismatchError) throw error;
      throw new Error(`Could not accept call event ${event.source}/${event.event} of call ${event.callId}`, { cause: error });
    }
    if (outcome.acceptance === 'duplicate') {
      this.database.logger.info(ids, 'call event already accepted: duplicate ignored');
      return 'duplicate';
    }
    const { record, afterCommit } = outcome;
    this.database.logger.info(
      { ...ids, outcome: record.outcome, utterances: record.transcript.length, appointments: record.appointmentIds.length },
      'call event accepted',
    );
    this.runAfterCommit(afterCommit, ids);
    return 'accepted';
  }

  /** The events accepted for a call, oldest first (ids and times only: no PHI). */
  async receivedEvents(callId: string): Promise<ReceivedCallEvent[]> {
    const result = await this.database.pool.query<{ source: CallEventSource; event: string; received_at: Date }>(
      'SELECT source, event, received_at FROM call_events WHERE call_id = $1 ORDER BY received_at, source, event',
      [callId],
    );
    return result.rows.map((row) => ({ source: row.source, event: row.event, receivedAt: row.received_at.toISOString() }));
  }

  /** The call's merged record as last committed, or null (holds PHI: never log it). */
  async findCall(callId: string): Promise<CallRecord | null> {
    return readCallRecord(this.database.pool, callId);
  }

  /** The event is committed whatever happens here: a failure is reported, never turned into a failed accept. */
  private runAfterCommit(afterCommit: AfterCommit | undefined, ids: Record<string, string>): void {
    try {
      afterCommit?.();
    } catch (error) {
      this.database.logger.warn({ ...ids, err: error instanceof Error ? error.name : 'unknown' }, 'work after a call event commit failed');
    }
  }

  private async acceptOnce(client: PoolClient, event: CallEvent, now: Date): Promise<Outcome> {
    // The merge relies on each statement seeing what other transactions committed before it (see
    // mergeIntoCallRecord), whatever the server's default isolation level is.
    await client.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
    const marked = await client.query(
      `INSERT INTO call_events (source, call_id, event, practice_id, received_at, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source, call_id, event) DO NOTHING`,
      [event.source, event.callId, event.event, event.practiceId, event.receivedAt, now],
    );
    if (marked.rowCount !== 1) return { acceptance: 'duplicate' };
    const record = await mergeIntoCallRecord(client, event, now);
    const afterCommit = await this.options.onMerged?.(client, { record, event, now });
    return { acceptance: 'accepted', record, afterCommit };
  }
}
