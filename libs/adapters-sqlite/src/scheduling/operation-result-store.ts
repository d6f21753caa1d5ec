import type Database from 'better-sqlite3';
import type { UtcInstant } from '../database/utc-instant';

export type RecordedOperation = 'reschedule' | 'cancel';

/**
 * Results of reschedules and cancels by idempotency key, so a retried request returns what the first one did
 * instead of failing on an appointment it already changed. Only successful results are kept: a refusal changed
 * nothing, so a retry may as well look again.
 */
export class OperationResultStore {
  private readonly getStatement: Database.Statement<[string, RecordedOperation, string], string>;
  private readonly putStatement: Database.Statement<[string, RecordedOperation, string, string, string]>;

  constructor(handle: Database.Database) {
    this.getStatement = handle
      .prepare<[string, RecordedOperation, string], string>(
        'SELECT result FROM operation_results WHERE practice_id = ? AND operation = ? AND idempotency_key = ?',
      )
      .pluck();
    this.putStatement = handle.prepare(
      `INSERT INTO operation_results (practice_id, operation, idempotency_key, result, created_at) VALUES (?, ?, ?, ?, ?)`,
    );
  }

  /** The stored result as parsed JSON (the caller validates its shape), or undefined. */
  get(practiceId: string, operation: RecordedOperation, idempotencyKey: string): unknown {
    const json = this.getStatement.get(practiceId, operation, idempotencyKey);
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
  }

  put(practiceId: string, operation: RecordedOperation, idempotencyKey: string, result: unknown, at: UtcInstant): void {
    this.putStatement.run(practiceId, operation, idempotencyKey, JSON.stringify(result), at);
  }
}
