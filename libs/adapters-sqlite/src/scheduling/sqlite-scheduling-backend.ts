import {
  bookingWindow,
  computeOpenSlots,
  OCCUPYING_STATUSES,
  type Appointment,
  type BackendCallOptions,
  type BookingRequest,
  type BookingResult,
  type CancelRequest,
  type CancelResult,
  type NewPatient,
  type OpenSlotQuery,
  type Patient,
  type PatientSearch,
  type Practice,
  type RescheduleRequest,
  type RescheduleResult,
  type SchedulingBackend,
  type Slot,
} from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { newId } from '../database/new-id';
import { addMinutes, toUtcInstant, type UtcInstant } from '../database/utc-instant';
import { parseInput } from '../parse-input';
import { AppointmentStore } from './appointment-store';
import { OperationResultStore } from './operation-result-store';
import { PatientStore } from './patient-store';
import {
  bookingRequestSchema,
  cancelRequestSchema,
  dateOfBirthSchema,
  newPatientSchema,
  openSlotQuerySchema,
  registrationKeySchema,
  rescheduleRequestSchema,
  storedCancelSchema,
  storedRescheduleSchema,
} from './scheduling-schemas';
import { assertSlotFitsPractice } from './slot-fit';

/** Busy time is loaded this far around an availability window, so blocks straddling its edges count. */
const BUSY_MARGIN_MINUTES = 24 * 60;

const isOccupying = (appointment: Appointment) => OCCUPYING_STATUSES.includes(appointment.status);

/**
 * SchedulingBackend over the embedded database: the practice's system of record in zero-config setups.
 *
 * Every write is one IMMEDIATE transaction (it takes the database's write lock before reading), so the
 * write-time overlap check and the insert are atomic, also across processes sharing the file: that re-check,
 * not the availability the caller was offered, is what prevents double booking.
 *
 * Every call is synchronous underneath, so the caller's signal is checked once, before the work starts: an
 * aborted call rejects with the signal's reason and writes nothing. A transaction is never abandoned halfway.
 */
export class SqliteSchedulingBackend implements SchedulingBackend {
  private readonly appointments: AppointmentStore;
  private readonly patients: PatientStore;
  private readonly results: OperationResultStore;

  constructor(private readonly database: EmbeddedDatabase) {
    this.appointments = new AppointmentStore(database.handle);
    this.patients = new PatientStore(database.handle);
    this.results = new OperationResultStore(database.handle);
  }

  async openSlots(practice: Practice, query: OpenSlotQuery, options: BackendCallOptions = {}): Promise<Slot[]> {
    options.signal?.throwIfAborted();
    const { from, to, excludeAppointmentId } = parseInput(openSlotQuerySchema, query, 'open-slot query');
    if (to <= from) return [];
    // The appointment being moved does not block its own new slot; the reschedule re-checks without it too.
    const busy = this.appointments.busyBetween(
      practice.id,
      addMinutes(from, -BUSY_MARGIN_MINUTES),
      addMinutes(to, BUSY_MARGIN_MINUTES),
      excludeAppointmentId ?? null,
    );
    return computeOpenSlots({
      practice,
      appointmentType: query.appointmentType,
      from: new Date(from),
      to: new Date(to),
      // The booking window is anchored at "now": no start sooner than the minimum notice, none beyond the
      // horizon counted from there (not from `from`, or a far-future query would slide the horizon with it).
      notBefore: bookingWindow(practice, this.database.now()).notBefore,
      busy,
    });
  }

  async findPatients(practice: Practice, search: PatientSearch, options: BackendCallOptions = {}): Promise<Patient[]> {
    options.signal?.throwIfAborted();
    // A date of birth that is no calendar date ("1985-02-30") matches nobody; it is not a system error.
    const dateOfBirth = dateOfBirthSchema.safeParse(search.dateOfBirth);
    return dateOfBirth.success ? this.patients.withDateOfBirth(practice.id, dateOfBirth.data) : [];
  }

  async registerPatient(
    practice: Practice,
    patient: NewPatient,
    idempotencyKey: string,
    options: BackendCallOptions = {},
  ): Promise<Patient> {
    const input = parseInput(newPatientSchema, patient, 'new patient');
    const key = parseInput(registrationKeySchema, idempotencyKey, 'registration idempotency key');
    const register = this.database.handle.transaction(() => {
      const existing = this.patients.byIdempotencyKey(practice.id, key);
      if (existing) return { patient: existing, created: false };
      const created = this.patients.insert({
        id: newId('pat'),
        practiceId: practice.id,
        firstName: input.firstName,
        lastName: input.lastName,
        dateOfBirth: input.dateOfBirth,
        phone: input.phone ?? null,
        idempotencyKey: key,
        createdAt: this.now(),
      });
      return { patient: created, created: true };
    });
    const { patient: registered, created } = this.write('register patient', practice, options, () => register.immediate());
    this.database.logger.info({ practiceId: practice.id, patientId: registered.id, replay: !created }, 'patient registered');
    return registered;
  }

  async appointmentsOf(practice: Practice, patientId: string, options: BackendCallOptions = {}): Promise<Appointment[]> {
    options.signal?.throwIfAborted();
    return this.appointments.endingAfter(practice.id, patientId, this.now());
  }

  async book(practice: Practice, request: BookingRequest, options: BackendCallOptions = {}): Promise<BookingResult> {
    const { patientId, slot, idempotencyKey } = parseInput(bookingRequestSchema, request, 'booking request');
    assertSlotFitsPractice(practice, slot, slot.typeCode);
    const book = this.database.handle.transaction((): { result: BookingResult; replay: boolean } => {
      const existing = this.appointments.byIdempotencyKey(practice.id, idempotencyKey);
      if (existing) return { result: { status: 'booked', appointment: existing }, replay: true };
      this.assertPatientOf(practice, patientId);
      if (this.appointments.conflictOf(practice.id, slot)) return { result: { status: 'slot_taken' }, replay: false };
      const appointment = this.appointments.insert({
        id: newId('apt'),
        practiceId: practice.id,
        patientId,
        typeCode: slot.typeCode,
        providerId: slot.providerId,
        operatoryId: slot.operatoryId,
        start: slot.start,
        end: slot.end,
        idempotencyKey,
        rescheduledFrom: null,
        createdAt: this.now(),
      });
      return { result: { status: 'booked', appointment }, replay: false };
    });
    const { result, replay } = this.write('book', practice, options, () => book.immediate());
    this.logWrite('book', practice, result.status, result.status === 'booked' ? result.appointment.id : undefined, replay);
    return result;
  }

  async reschedule(practice: Practice, request: RescheduleRequest, options: BackendCallOptions = {}): Promise<RescheduleResult> {
    const { appointmentId, patientId, newSlot, idempotencyKey } = parseInput(
      rescheduleRequestSchema,
      request,
      'reschedule request',
    );
    const reschedule = this.database.handle.transaction((): { result: RescheduleResult; replay: boolean } => {
      const stored = this.results.get(practice.id, 'reschedule', idempotencyKey);
      if (stored !== undefined) return { result: storedRescheduleSchema.parse(stored), replay: true };
      const current = this.appointments.byId(practice.id, appointmentId);
      if (!current || current.patientId !== patientId || !isOccupying(current)) {
        return { result: { status: 'not_found' }, replay: false };
      }
      // The visit keeps its type; only its time, provider and chair move.
      assertSlotFitsPractice(practice, newSlot, current.typeCode);
      if (this.appointments.conflictOf(practice.id, newSlot, current.id)) {
        return { result: { status: 'slot_taken' }, replay: false };
      }
      const at = this.now();
      this.appointments.setStatus(current.id, 'rescheduled', at);
      const appointment = this.appointments.insert({
        id: newId('apt'),
        practiceId: practice.id,
        patientId,
        typeCode: current.typeCode,
        providerId: newSlot.providerId,
        operatoryId: newSlot.operatoryId,
        start: newSlot.start,
        end: newSlot.end,
        idempotencyKey: null,
        rescheduledFrom: current.id,
        createdAt: at,
      });
      const result = { status: 'rescheduled', previous: { ...current, status: 'rescheduled' }, appointment } as const;
      this.results.put(practice.id, 'reschedule', idempotencyKey, result, at);
      return { result, replay: false };
    });
    const { result, replay } = this.write('reschedule', practice, options, () => reschedule.immediate());
    this.logWrite('reschedule', practice, result.status, result.status === 'rescheduled' ? result.appointment.id : undefined, replay);
    return result;
  }

  async cancel(practice: Practice, request: CancelRequest, options: BackendCallOptions = {}): Promise<CancelResult> {
    const { appointmentId, patientId, idempotencyKey } = parseInput(cancelRequestSchema, request, 'cancel request');
    const cancel = this.database.handle.transaction((): { result: CancelResult; replay: boolean } => {
      const stored = this.results.get(practice.id, 'cancel', idempotencyKey);
      if (stored !== undefined) return { result: storedCancelSchema.parse(stored), replay: true };
      const current = this.appointments.byId(practice.id, appointmentId);
      if (!current || current.patientId !== patientId || !isOccupying(current)) {
        return { result: { status: 'not_found' }, replay: false };
      }
      const at = this.now();
      this.appointments.setStatus(current.id, 'cancelled', at);
      const result = { status: 'cancelled', appointment: { ...current, status: 'cancelled' } } as const;
      this.results.put(practice.id, 'cancel', idempotencyKey, result, at);
      return { result, replay: false };
    });
    const { result, replay } = this.write('cancel', practice, options, () => cancel.immediate());
    this.logWrite('cancel', practice, result.status, result.status === 'cancelled' ? result.appointment.id : undefined, replay);
    return result;
  }

  private now(): UtcInstant {
    return toUtcInstant(this.database.now());
  }

  /** A patient id from another practice (or none) is a caller bug or an attack: never book for it. */
  private assertPatientOf(practice: Practice, patientId: string): void {
    if (!this.patients.byId(practice.id, patientId)) {
      throw new Error(`Patient ${patientId} is not a patient of practice ${practice.id}`);
    }
  }

  /** Runs one write transaction, unless the caller has already given up: then nothing is written. */
  private write<T>(operation: string, practice: Practice, options: BackendCallOptions, run: () => T): T {
    if (options.signal?.aborted) {
      this.database.logger.info({ practiceId: practice.id, operation }, 'schedule write skipped: the caller gave up');
      throw options.signal.reason;
    }
    try {
      return run();
    } catch (error) {
      throw new Error(`Could not ${operation} for practice ${practice.id}`, { cause: error });
    }
  }

  private logWrite(operation: string, practice: Practice, status: string, appointmentId: string | undefined, replay: boolean): void {
    this.database.logger.info({ practiceId: practice.id, operation, status, appointmentId, replay }, 'schedule write');
  }
}
