import type {
  Appointment,
  BackendCallOptions,
  BookingRequest,
  BookingResult,
  CancelRequest,
  CancelResult,
  Clock,
  Logger,
  NewPatient,
  OpenSlotQuery,
  Patient,
  PatientSearch,
  Practice,
  RescheduleRequest,
  RescheduleResult,
  SchedulingBackend,
  Slot,
} from '@crowndesk/domain';
import type { CrownDeskClient } from '../client/crowndesk-client';
import { AiAgentRoutes } from '../wire/ai-agent-routes';
import { appointmentsOf } from './appointments';
import { book } from './booking';
import { cancel } from './cancellation';
import type { SchedulingContext } from './context';
import { KnownAppointments } from './known-appointments';
import { findPatients, registerPatient } from './patients';
import { reschedule } from './reschedule';
import { findOpenSlots } from './slots';
import type { VocabularyOptions } from './vocabulary';
import { BackendVocabulary } from './vocabulary';

export interface CrownDeskSchedulingBackendOptions extends VocabularyOptions {
  client: CrownDeskClient;
  logger: Logger;
  /** "Today" for appointmentsOf; the system clock by default. */
  clock?: Clock;
  /** Slot searches in flight at once (one per provider and day). Default 4. */
  slotConcurrency?: number;
  /** Longest openSlots range, in practice days. Default 14. */
  maxSlotDays?: number;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * The practice's schedule and patients in CrownDesk, through its AI-agent routes (`/api/ai-agent/*`).
 * Failures surface as the client's typed errors: BackendUnavailableError (the caller may queue the write
 * and replay it with the same idempotency key), BackendRejectedError, BackendProtocolError.
 *
 * The caller's signal aborts reads in flight and keeps writes from starting; a write once sent is seen
 * through (a half-done reschedule is worse than a late answer). An aborted call rejects with the signal's reason.
 */
export class CrownDeskSchedulingBackend implements SchedulingBackend {
  private readonly context: SchedulingContext;

  constructor(options: CrownDeskSchedulingBackendOptions) {
    const clock = options.clock ?? systemClock;
    this.context = {
      routes: new AiAgentRoutes(options.client),
      vocabulary: new BackendVocabulary(options),
      logger: options.logger,
      clock,
      slotConcurrency: options.slotConcurrency ?? 4,
      maxSlotDays: options.maxSlotDays ?? 14,
      known: new KnownAppointments(clock),
    };
  }

  openSlots(practice: Practice, query: OpenSlotQuery, options?: BackendCallOptions): Promise<Slot[]> {
    return findOpenSlots(this.context, practice, query, options);
  }

  findPatients(practice: Practice, search: PatientSearch, options?: BackendCallOptions): Promise<Patient[]> {
    return findPatients(this.context, practice, search, options);
  }

  registerPatient(practice: Practice, patient: NewPatient, idempotencyKey: string, options?: BackendCallOptions): Promise<Patient> {
    return registerPatient(this.context, practice, patient, idempotencyKey, options);
  }

  appointmentsOf(practice: Practice, patientId: string, options?: BackendCallOptions): Promise<Appointment[]> {
    return appointmentsOf(this.context, practice, patientId, options);
  }

  book(practice: Practice, request: BookingRequest, options?: BackendCallOptions): Promise<BookingResult> {
    return book(this.context, practice, request, options);
  }

  reschedule(practice: Practice, request: RescheduleRequest, options?: BackendCallOptions): Promise<RescheduleResult> {
    return reschedule(this.context, practice, request, options);
  }

  cancel(practice: Practice, request: CancelRequest, options?: BackendCallOptions): Promise<CancelResult> {
    return cancel(this.context, practice, request, options);
  }
}
