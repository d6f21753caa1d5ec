import { z } from 'zod';
import type {
  BookingConfirmation,
  CallRecord,
  DeliveryOutcome,
  Logger,
  OutboxDelivery,
  OutboxMessage,
  Practice,
  PracticeDirectory,
  QueuedBooking,
} from '@crowndesk/domain';
import { callRecordBody } from '../call-log/call-record-body';
import type { CrownDeskClient } from '../client/crowndesk-client';
import { BackendRejectedError } from '../client/errors';
import { holdsTime } from '../scheduling/appointment-mapping';
import { CrownDeskSchedulingBackend } from '../scheduling/crowndesk-scheduling-backend';
import type { VocabularyOptions } from '../scheduling/vocabulary';
import { AiAgentRoutes } from '../wire/ai-agent-routes';
import { appointmentWire } from '../wire/appointment-wire';
import { outcomeOfFailure } from './delivery-outcome';

export interface CrownDeskOutboxDeliveryOptions extends VocabularyOptions {
  /**
   * A client for the relay, not the live one: the relay does its own backoff between attempts, so one
   * attempt per delivery with a generous deadline fits, e.g. `{ timeoutMs: 10_000, maxAttempts: 1 }`.
   */
  client: CrownDeskClient;
  /** Finds the practice of a message, whose credentials (and vocabulary) its write is sent with. */
  practices: Pick<PracticeDirectory, 'byId'>;
  logger: Logger;
}

/**
 * Delivers outbox messages to CrownDesk, each with `Idempotency-Key: <message.idempotencyKey>` on every
 * attempt (CONTRACT.md):
 * - `call.record` → `POST /api/calls/record` (our body, pending confirmation); 409 means already recorded.
 * - `appointment.book` → `POST /api/ai-agent/appointments`, through the scheduling backend's `book`, which
 *   recognises its own earlier write on a 409; a 409 for anyone else's appointment is `slot_taken`: the slot
 *   went while the backend was unreachable, and staff must call the patient back.
 * - `appointment.confirm` → `PATCH /api/ai-agent/appointments/status` to `confirmed` (the only confirmation
 *   route open to service keys); a replay meets a 400 for confirmed→confirmed, which a re-read resolves.
 */
export class CrownDeskOutboxDelivery implements OutboxDelivery {
  private readonly client: CrownDeskClient;
  private readonly practices: Pick<PracticeDirectory, 'byId'>;
  private readonly logger: Logger;
  private readonly scheduling: CrownDeskSchedulingBackend;
  private readonly routes: AiAgentRoutes;

  constructor(options: CrownDeskOutboxDeliveryOptions) {
    this.client = options.client;
    this.practices = options.practices;
    this.logger = options.logger;
    this.scheduling = new CrownDeskSchedulingBackend(options);
    this.routes = new AiAgentRoutes(options.client);
  }

  async deliver(message: OutboxMessage, signal: AbortSignal): Promise<DeliveryOutcome> {
    const practice = await this.practices.byId(message.practiceId);
    if (!practice) return { status: 'rejected', reason: 'unknown_practice' };
    signal.throwIfAborted();
    try {
      switch (message.topic) {
        case 'call.record':
          return await this.recordCall(practice, message.payload, message.idempotencyKey, signal);
        case 'appointment.book':
          return await this.book(practice, message.payload, message.idempotencyKey, signal);
        case 'appointment.confirm':
          return await this.confirm(practice, message.payload, message.idempotencyKey, signal);
      }
    } catch (error) {
      return outcomeOfFailure(error);
    }
  }

  private async recordCall(practice: Practice, call: CallRecord, idempotencyKey: string, signal: AbortSignal): Promise<DeliveryOutcome> {
    try {
      await this.client.request({
        intent: 'write',
        idempotencyKey,
        practice,
        method: 'POST',
        path: '/calls/record',
        body: callRecordBody(call),
        response: z.unknown(),
        signal,
      });
    } catch (error) {
      if (!(error instanceof BackendRejectedError && error.status === 409)) throw error;
      this.logger.info({ practiceId: practice.id, callId: call.callId }, 'call record already in CrownDesk');
    }
    return { status: 'delivered' };
  }

  private async book(practice: Practice, booking: QueuedBooking, idempotencyKey: string, signal: AbortSignal): Promise<DeliveryOutcome> {
    // A write that has started is finished even if the relay stops meanwhile; its replay finds it.
    const result = await this.scheduling.book(practice, { patientId: booking.patientId, slot: booking.slot, idempotencyKey }, { signal });
    if (result.status === 'slot_taken') return { status: 'rejected', reason: 'slot_taken' };
    this.logger.info(
      { practiceId: practice.id, callId: booking.callId, appointmentId: result.appointment.id },
      'queued booking created in CrownDesk',
    );
    return { status: 'delivered' };
  }

  private async confirm(
    practice: Practice,
    confirmation: BookingConfirmation,
    idempotencyKey: string,
    signal: AbortSignal,
  ): Promise<DeliveryOutcome> {
    const { appointment } = confirmation;
    try {
      await this.client.request({
        intent: 'write',
        idempotencyKey,
        practice,
        method: 'PATCH',
        path: '/ai-agent/appointments/status',
        body: { appointmentId: appointment.id, status: 'confirmed' },
        response: appointmentWire,
        signal,
      });
      return { status: 'delivered' };
    } catch (error) {
      if (error instanceof BackendRejectedError && error.status === 404) return { status: 'rejected', reason: 'appointment_not_found' };
      if (!(error instanceof BackendRejectedError && error.status === 400)) throw error;
    }
    // CrownDesk refuses a transition it does not allow: already confirmed (our replay) or since cancelled.
    const current = (await this.routes.patientAppointments(practice, appointment.patientId)).find((row) => row.id === appointment.id);
    if (!current) return { status: 'rejected', reason: 'appointment_not_found' };
    if (!holdsTime(current.status)) return { status: 'rejected', reason: 'appointment_cancelled' };
    if (current.status === 'scheduled') return { status: 'rejected', reason: 'http_400' };
    this.logger.info({ practiceId: practice.id, appointmentId: appointment.id }, 'appointment already confirmed in CrownDesk');
    return { status: 'delivered' };
  }
}
