import type { PoolClient } from 'pg';
import { type CallEvent, type CallRecord, mergeCallFacts } from '@crowndesk/domain';
import { assertValidCallRecord } from './call-event-schema';
import { insertCallRecordIfAbsent, lockCallRecord, updateCallRecord } from './call-record-rows';

/**
 * Merges `event` into its call's record and writes the result, on `client` inside a READ COMMITTED transaction.
 * Safe with any number of machines merging events of the same call at once:
 * - a recorded call's row is locked (`FOR UPDATE`) before it is read, so merges of one call run one after the
 *   other, each from the record the previous one committed;
 * - a call with no record yet has no row to lock: its first record is inserted with `ON CONFLICT DO NOTHING`,
 *   which waits for a concurrent first writer. When that one committed first, its row is visible to our next
 *   statement (READ COMMITTED takes a new snapshot per statement): lock it and merge into it instead.
 * Throws `CallPracticeMismatchError` (from the merge) for another practice's event.
 */
export async function mergeIntoCallRecord(client: PoolClient, event: CallEvent, now: Date): Promise<CallRecord> {
  const recorded = await lockCallRecord(client, event.callId);
  if (recorded) return mergeAndUpdate(client, recorded, event);

  const first = mergeCallFacts(null, event);
  assertValidCallRecord(first);
  if (await insertCallRecordIfAbsent(client, first, now)) return first;

  const raced = await lockCallRecord(client, event.callId);
  if (!raced) throw new Error(`The record of call ${event.callId} was neither insertable nor found`);
  return mergeAndUpdate(client, raced, event);
}

async function mergeAndUpdate(client: PoolClient, recorded: CallRecord, event: CallEvent): Promise<CallRecord> {
  const merged = mergeCallFacts(recorded, event);
  assertValidCallRecord(merged);
  await updateCallRecord(client, merged);
  return merged;
}
