import { z } from 'zod';
import type { CallLog, CallRecord, Logger, PracticeDirectory } from '@crowndesk/domain';
import type { CrownDeskClient } from '../client/crowndesk-client';
import { BackendRejectedError } from '../client/errors';
import { callRecordBody } from './call-record-body';

export interface CrownDeskCallLogOptions {
  client: CrownDeskClient;
  /** Finds the practice of a call, whose credentials the record is sent with. */
  practices: Pick<PracticeDirectory, 'byId'>;
  logger: Logger;
}

/** The idempotency key of a call's record: one per call, so every delivery of it is the same write. */
export function callRecordKey(callId: string): string {
  return `call-record:${callId}`;
}

/**
 * Records finished calls in CrownDesk (`POST /api/calls/record`, our body pending confirmation). The key is
 * derived from the call id, and a 409 means the record is already there: recording a call twice keeps one.
 */
export class CrownDeskCallLog implements CallLog {
  constructor(private readonly options: CrownDeskCallLogOptions) {}

  async record(call: CallRecord): Promise<void> {
    const practice = await this.options.practices.byId(call.practiceId);
    if (!practice) throw new Error(`Cannot record call ${call.callId}: unknown practice ${call.practiceId}`);
    try {
      await this.options.client.request({
        intent: 'write',
        idempotencyKey: callRecordKey(call.callId),
        practice,
        method: 'POST',
        path: '/calls/record',
        body: callRecordBody(call),
        response: z.unknown(),
      });
    } catch (error) {
      if (!(error instanceof BackendRejectedError && error.status === 409)) throw error;
      this.options.logger.info(
        { practiceId: practice.id, callId: call.callId },
        'Call already recorded in CrownDesk',
      );
    }
  }
}
