import type { CallRecord } from '../model';

/** Where finished calls are recorded for the practice. Recording the same callId twice keeps one record. */
export interface CallLog {
  record(call: CallRecord): Promise<void>;
}
