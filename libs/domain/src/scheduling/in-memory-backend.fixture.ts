import type { Appointment, NewPatient, Patient, Practice } from '../model';
import { OCCUPYING_STATUSES } from '../model';
import type {
  BackendCallOptions,
  BookingRequest,
  BookingResult,
  CancelRequest,
  CancelResult,
  Clock,
  OpenSlotQuery,
  PatientSearch,
  RescheduleRequest,
  RescheduleResult,
  SchedulingBackend,
} from '../ports';
import { computeOpenSlots } from './open-slots';

type Operation = keyof SchedulingBackend;

export interface BackendCall {
  operation: Operation;
  idempotencyKey?: string;
  /** The caller's signal, when one was passed. */
  signal?: AbortSignal;
  /** openSlots only: the appointment whose busy time was ignored. */
  excludeAppointmentId?: string;
}

/**
 * A small in-memory system of record implementing the SchedulingBackend port, for the domain's tests: it keeps
 * patients and appointments, re-checks conflicts at write time, replays writes by idempotency key, and can be
 * told to fail. Like a real backend it honours the caller's signal: an aborted call rejects with its reason
 * before doing anything. (The real embedded database has its own tests in adapters-sqlite.)
 */
export class InMemorySchedulingBackend implements SchedulingBackend {
  readonly patients: Patient[] = [];
  readonly appointments: Appointment[] = [];
  readonly calls: BackendCall[] = [];
  private readonly replies = new Map<string, unknown>();
  private readonly failures = new Map<Operation, { error: Error; afterWrite: boolean }>();
  private beforeBook: (() => void) | undefined;
  private readonly onArrival = new Map<Operation, () => void>();
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  addPatient(practice: Practice, patient: Omit<Patient, 'id' | 'practiceId'>): Patient {
    const added = { ...patient, id: `pat-${this.nextId++}`, practiceId: practice.id };
    this.patients.push(added);
    return added;
  }

  addAppointment(practice: Practice, appointment: Omit<Appointment, 'id' | 'practiceId'>): Appointment {
    const added = { ...appointment, id: `apt-${this.nextId++}`, practiceId: practice.id };
    this.appointments.push(added);
    return added;
  }

  /** The next call of `operation` throws; with afterWrite the write happens first and only the reply is lost. */
  failNext(operation: Operation, options: { afterWrite?: boolean; error?: Error } = {}): void {
    this.failures.set(operation, { error: options.error ?? new Error('backend unavailable'), afterWrite: options.afterWrite ?? false });
  }

  /** Runs once, inside the next book(), before its conflict check: another caller getting there first. */
  onNextBook(action: () => void): void {
    this.beforeBook = action;
  }

  /** Runs once when the next call of `operation` arrives, before it does anything (e.g. the caller talks over it). */
  onNextCall(operation: Operation, action: () => void): void {
    this.onArrival.set(operation, action);
  }

  callsOf(operation: Operation): BackendCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  active(practice: Practice): Appointment[] {
    return this.appointments.filter((a) => a.practiceId === practice.id && OCCUPYING_STATUSES.includes(a.status));
  }

  async openSlots(practice: Practice, query: OpenSlotQuery, options: BackendCallOptions = {}) {
    const excluded = query.excludeAppointmentId;
    this.enter({ operation: 'openSlots', ...definedOnly({ signal: options.signal, excludeAppointmentId: excluded }) });
    const notBefore = new Date(this.clock.now().getTime() + practice.bookingPolicy.minimumNoticeMinutes * 60_000);
    const busy = this.active(practice)
      .filter((appointment) => appointment.id !== excluded)
      .map(({ providerId, operatoryId, start, end }) => ({ providerId, operatoryId, start, end }));
    return computeOpenSlots({
      practice,
      appointmentType: query.appointmentType,
      from: new Date(query.from),
      to: new Date(query.to),
      notBefore,
      busy,
    });
  }

  async findPatients(practice: Practice, search: PatientSearch, options: BackendCallOptions = {}): Promise<Patient[]> {
    this.enter({ operation: 'findPatients', ...definedOnly({ signal: options.signal }) });
    return this.patients.filter((p) => p.practiceId === practice.id && p.dateOfBirth === search.dateOfBirth);
  }

  async registerPatient(
    practice: Practice,
    patient: NewPatient,
    idempotencyKey: string,
    options: BackendCallOptions = {},
  ): Promise<Patient> {
    return this.write('registerPatient', idempotencyKey, options, () => this.addPatient(practice, patient));
  }

  async appointmentsOf(practice: Practice, patientId: string, options: BackendCallOptions = {}): Promise<Appointment[]> {
    this.enter({ operation: 'appointmentsOf', ...definedOnly({ signal: options.signal }) });
    const startOfToday = this.clock.now().getTime() - 24 * 3_600_000;
    return this.appointments.filter(
      (a) => a.practiceId === practice.id && a.patientId === patientId && Date.parse(a.end) >= startOfToday,
    );
  }

  async book(practice: Practice, request: BookingRequest, options: BackendCallOptions = {}): Promise<BookingResult> {
    return this.write('book', request.idempotencyKey, options, (): BookingResult => {
      const action = this.beforeBook;
      this.beforeBook = undefined;
      action?.();
      if (this.conflicts(practice, request.slot)) return { status: 'slot_taken' };
      const appointment = this.addAppointment(practice, {
        patientId: request.patientId,
        typeCode: request.slot.typeCode,
        providerId: request.slot.providerId,
        operatoryId: request.slot.operatoryId,
        start: request.slot.start,
        end: request.slot.end,
        status: 'scheduled',
      });
      return { status: 'booked', appointment };
    });
  }

  async reschedule(practice: Practice, request: RescheduleRequest, options: BackendCallOptions = {}): Promise<RescheduleResult> {
    return this.write('reschedule', request.idempotencyKey, options, (): RescheduleResult => {
      const index = this.activeIndex(practice, request.appointmentId, request.patientId);
      const previous = this.appointments[index];
      if (!previous) return { status: 'not_found' };
      if (this.conflicts(practice, request.newSlot, previous.id)) return { status: 'slot_taken' };
      const moved = { ...previous, status: 'rescheduled' as const };
      this.appointments[index] = moved;
      const appointment = this.addAppointment(practice, {
        ...previous,
        providerId: request.newSlot.providerId,
        operatoryId: request.newSlot.operatoryId,
        start: request.newSlot.start,
        end: request.newSlot.end,
        status: 'scheduled',
      });
      return { status: 'rescheduled', previous: moved, appointment };
    });
  }

  async cancel(practice: Practice, request: CancelRequest, options: BackendCallOptions = {}): Promise<CancelResult> {
    return this.write('cancel', request.idempotencyKey, options, (): CancelResult => {
      const index = this.activeIndex(practice, request.appointmentId, request.patientId);
      const existing = this.appointments[index];
      if (!existing) return { status: 'not_found' };
      const cancelled = { ...existing, status: 'cancelled' as const };
      this.appointments[index] = cancelled;
      return { status: 'cancelled', appointment: cancelled };
    });
  }

  private enter(call: BackendCall): void {
    const { operation } = call;
    this.calls.push(call);
    const arrival = this.onArrival.get(operation);
    this.onArrival.delete(operation);
    arrival?.();
    call.signal?.throwIfAborted();
    const failure = this.failures.get(operation);
    if (failure && !failure.afterWrite) {
      this.failures.delete(operation);
      throw failure.error;
    }
  }

  /** A write, replayed by key: the same key gives the first result and changes nothing more. */
  private write<T>(operation: Operation, key: string, options: BackendCallOptions, perform: () => T): T {
    this.enter({ operation, idempotencyKey: key, ...definedOnly({ signal: options.signal }) });
    const stored = this.replies.has(key) ? (this.replies.get(key) as T) : perform();
    this.replies.set(key, stored);
    const failure = this.failures.get(operation);
    if (failure?.afterWrite) {
      this.failures.delete(operation);
      throw failure.error;
    }
    return stored;
  }

  private conflicts(practice: Practice, slot: { providerId: string; operatoryId: string; start: string; end: string }, ignoreId?: string): boolean {
    const start = Date.parse(slot.start);
    const end = Date.parse(slot.end);
    return this.active(practice).some(
      (a) =>
        a.id !== ignoreId &&
        (a.providerId === slot.providerId || a.operatoryId === slot.operatoryId) &&
        Date.parse(a.start) < end &&
        start < Date.parse(a.end),
    );
  }

  private activeIndex(practice: Practice, appointmentId: string, patientId: string): number {
    return this.appointments.findIndex(
      (a) => a.id === appointmentId && a.practiceId === practice.id && a.patientId === patientId && OCCUPYING_STATUSES.includes(a.status),
    );
  }
}

/** The fields that have a value, so recorded calls compare equal whether or not an option was passed. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
