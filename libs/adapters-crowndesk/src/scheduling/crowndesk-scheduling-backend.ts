import type {
  Appointment,
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
 */
export class CrownDeskSchedulingBackend implements SchedulingBackend {
  private readonly context: SchedulingContext;

  constructor(options: CrownDeskSchedulingBackendOptions) {
    this.context = {
      routes: new AiAgentRoutes(options.client),
      vocabulary: new BackendVocabulary(options),
      logger: options.logger,
      clock: options.clock ?? systemClock,
      slotConcurrency: options.slotConcurrency ?? 4,
      maxSlotDays: options.maxSlotDays ?? 14,
    };
  }

  openSlots(practice: Practice, query: OpenSlotQuery): Promise<Slot[]> {
    return findOpenSlots(this.context, practice, query);
  }

  findPatients(practice: Practice, search: PatientSearch): Promise<Patient[]> {
    return findPatients(this.context, practice, search);
  }

  registerPatient(practice: Practice, patient: NewPatient, idempotencyKey: string): Promise<Patient> {
    return registerPatient(this.context, practice, patient, idempotencyKey);
  }

  appointmentsOf(practice: Practice, patientId: string): Promise<Appointment[]> {
    return appointmentsOf(this.context, practice, patientId);
  }

  book(practice: Practice, request: BookingRequest): Promise<BookingResult> {
    return book(this.context, practice, request);
  }

  reschedule(practice: Practice, request: RescheduleRequest): Promise<RescheduleResult> {
    return reschedule(this.context, practice, request);
  }

  cancel(practice: Practice, request: CancelRequest): Promise<CancelResult> {
    return cancel(this.context, practice, request);
  }
}
