import type { Appointment, AppointmentType, CallerIdentity, Patient, Practice, Slot } from '../model';
import type { BackendCallOptions, BookingResult, Clock, Logger, SchedulingBackend } from '../ports';
import type { CallSession } from '../receptionist/call-session';
import { accessibleAppointment, isActiveFor } from './appointment-access';
import { recordNewAppointment, recordOutcome, showAppointment } from './appointment-refs';
import { appointmentTypeByCode, resolveAppointmentType } from './appointment-types';
import type { BookingWindow } from './booking-window';
import { bookingWindow, dateWithinWindow, withinWindow } from './booking-window';
import type { PendingBookingWrites } from './booking-queue';
import { BookingQueue, queueableFailure } from './booking-queue';
import { calendarSlotAt } from './calendar-slot';
import type {
  AvailabilityRequest,
  AvailabilityResult,
  BookAppointmentRequest,
  BookingOutcome,
  CancelOutcome,
  InvalidDate,
  LookupOutcome,
  OutsideWindow,
  RescheduleOutcome,
  SlotUnavailable,
  UnknownType,
} from './front-desk-results';
import { idempotencyKey } from './idempotency';
import { matchesIdentity, splitFullName } from './identity';
import { isLocalDate, localToInstant, splitLocalDateTime } from './local-time';
import { toE164 } from './phone-number';
import type { SlotSearch } from './slot-finder';
import { SlotFinder } from './slot-finder';

type Start = { kind: 'ok'; instant: Date } | { kind: 'nonexistent' } | { kind: 'invalid' };

export interface FrontDeskOptions {
  /**
   * Where a booking goes when the backend is unavailable during the call (timeout, connection, 5xx): queued for
   * the outbox relay, and confirmed by the office. Give it the PendingBookingStore. Without it such a booking
   * fails like any backend error.
   */
  pendingBookings?: PendingBookingWrites;
}

/**
 * The receptionist's scheduling use cases. The practice and the verified patient always come from the call
 * session (server-side), never from what the model or the caller supplies. Backend errors propagate, except
 * a booking the backend is unavailable for, which is queued when a pending store is configured.
 * Every write carries an idempotency key derived from the call and its arguments, so a re-asked or retried
 * tool call writes once; and a retry whose first attempt already succeeded finds that result again.
 * Each use case takes the caller's `signal` (a superseded turn, an ended call) and hands it to every backend
 * call, which then stops as the port describes: reads at once, writes only before they start.
 */
export class FrontDesk {
  private readonly slots: SlotFinder;
  private readonly pending: BookingQueue | null;

  constructor(
    private readonly backend: SchedulingBackend,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: FrontDeskOptions = {},
  ) {
    this.slots = new SlotFinder(backend);
    this.pending = options.pendingBookings ? new BookingQueue(options.pendingBookings, clock, logger) : null;
  }

  async findAvailableSlots(
    session: CallSession,
    request: AvailabilityRequest,
    options: BackendCallOptions = {},
  ): Promise<AvailabilityResult> {
    const practice = session.practice;
    const type = resolveAppointmentType(practice, request.typeCode);
    if (!type) return unknownType(practice);
    if (request.date && !isLocalDate(request.date)) return invalidDate('date');
    const window = bookingWindow(practice, this.clock.now());
    if (request.date && !dateWithinWindow(window, request.date)) {
      return { status: 'outside_booking_window', window, alternatives: [] };
    }
    const slots = await this.slots.offer(practice, type, window, request.date, request, { signal: options.signal });
    this.logger.debug({ ...ids(session), typeCode: type.code, offered: slots.length }, 'availability searched');
    return { status: 'available', appointmentType: type, slots };
  }

  /**
   * Books the slot the caller agreed to. When the backend is unavailable (timeout, connection, 5xx) for the
   * booking, and a pending store is configured, the booking is queued under the live attempt's key and comes
   * back `pending`: the office confirms it with the caller (see `bookWhileUnavailable` for the slot check).
   */
  async book(session: CallSession, request: BookAppointmentRequest, options: BackendCallOptions = {}): Promise<BookingOutcome> {
    const practice = session.practice;
    const search: SlotSearch = { signal: options.signal };
    const type = resolveAppointmentType(practice, request.typeCode);
    if (!type) return unknownType(practice);
    if (!isLocalDate(request.identity.dateOfBirth)) return invalidDate('date_of_birth');
    const start = parseStart(practice, request.localStart);
    if (start.kind === 'invalid') return invalidDate('start');
    const window = bookingWindow(practice, this.clock.now());
    if (start.kind === 'nonexistent') return this.unavailable(practice, type, window, request.localStart, search);
    if (!withinWindow(window, start.instant)) return this.outsideWindow(practice, type, window, request.localStart, search);

    let open: Slot[];
    try {
      open = await this.slots.openAt(practice, type, start.instant, search);
    } catch (error) {
      return this.bookWhileUnavailable(session, request, type, start.instant, window, error, options);
    }
    if (open.length === 0) {
      // A re-asked or retried booking finds the appointment its first attempt made in that slot.
      const patient = await this.identify(session, request.identity, options);
      const held = patient ? await this.heldAppointment(practice, patient, type.code, start.instant, options) : null;
      if (!patient || !held) return this.unavailable(practice, type, window, request.localStart, search);
      session.verifiedPatient = patient;
      recordNewAppointment(session, 'booked', held.id);
      return { status: 'booked', appointment: held, ref: showAppointment(session, held), newPatient: false };
    }

    const caller = await this.patientFor(session, request, options);
    if (!caller) return { status: 'incomplete_name' };
    const { patient, newPatient } = caller;
    const slot = open[0] as Slot;
    const booking = { patientId: patient.id, slot, idempotencyKey: bookingKey(session, type, start.instant, patient) };
    let result: BookingResult;
    try {
      result = await this.backend.book(practice, booking, options);
    } catch (error) {
      if (!this.pending || !queueableFailure(error, options.signal)) throw error;
      const queued = { patient, slot, idempotencyKey: booking.idempotencyKey, newPatient };
      return this.pending.queue(session, queued, { at: 'book', cause: error }, options.signal);
    }
    if (result.status === 'slot_taken') {
      this.logger.info({ ...ids(session), typeCode: type.code }, 'slot taken at booking');
      return this.unavailable(practice, type, window, request.localStart, search);
    }
    recordNewAppointment(session, 'booked', result.appointment.id);
    this.logger.info(
      { ...ids(session), appointmentId: result.appointment.id, typeCode: type.code, newPatient },
      'appointment booked',
    );
    const ref = showAppointment(session, result.appointment);
    return { status: 'booked', appointment: result.appointment, ref, newPatient };
  }

  /** The identity gate: name and date of birth must match a patient before anything about them is said. */
  async findMyAppointments(
    session: CallSession,
    identity: CallerIdentity,
    options: BackendCallOptions = {},
  ): Promise<LookupOutcome> {
    const practice = session.practice;
    const patient = await this.identify(session, identity, options);
    if (!patient) {
      this.logger.info(ids(session), 'caller identity not verified');
      return { status: 'identity_mismatch' };
    }
    session.verifiedPatient = patient;
    const now = this.clock.now().getTime();
    const upcoming = (await this.backend.appointmentsOf(practice, patient.id, options))
      .filter((appointment) => isActiveFor(appointment, practice, patient) && Date.parse(appointment.start) >= now)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    this.logger.info({ ...ids(session), patientId: patient.id, appointments: upcoming.length }, 'caller verified');
    return {
      status: 'verified',
      appointments: upcoming.map((appointment) => ({ ref: showAppointment(session, appointment), appointment })),
    };
  }

  async reschedule(
    session: CallSession,
    ref: string,
    newLocalStart: string,
    options: BackendCallOptions = {},
  ): Promise<RescheduleOutcome> {
    const practice = session.practice;
    const access = accessibleAppointment(session, ref);
    if ('status' in access) return this.refused(session, access);
    const { patient, appointment } = access;
    const type = appointmentTypeByCode(practice, appointment.typeCode);
    if (!type) return unknownType(practice);
    const start = parseStart(practice, newLocalStart);
    if (start.kind === 'invalid') return invalidDate('start');
    const window = bookingWindow(practice, this.clock.now());
    // The appointment being moved must not block its own new time (e.g. half an hour later, same hygienist).
    const search: SlotSearch = { moving: appointment, signal: options.signal };
    if (start.kind === 'nonexistent') return this.unavailable(practice, type, window, newLocalStart, search);
    // Already there: a re-asked or retried reschedule that has succeeded.
    if (Date.parse(appointment.start) === start.instant.getTime()) return { status: 'rescheduled', ref: access.ref, appointment };
    if (!withinWindow(window, start.instant)) return this.outsideWindow(practice, type, window, newLocalStart, search);

    const open = await this.slots.openAt(practice, type, start.instant, search);
    if (open.length === 0) {
      // A retried reschedule whose reply was lost: the original has moved, and the patient holds the new time.
      const appointments = await this.backend.appointmentsOf(practice, patient.id, options);
      const original = appointments.find((candidate) => candidate.id === appointment.id);
      const held = original && !isActiveFor(original, practice, patient) ? heldIn(appointments, practice, patient, type.code, start.instant) : null;
      if (!held) return this.unavailable(practice, type, window, newLocalStart, search);
      session.shownAppointments.set(access.ref, held);
      recordNewAppointment(session, 'rescheduled', held.id, [appointment.id]);
      return { status: 'rescheduled', ref: access.ref, appointment: held };
    }
    // Keep the caller with the same provider when they are free.
    const slot = open.find((candidate) => candidate.providerId === appointment.providerId) ?? (open[0] as Slot);
    const result = await this.backend.reschedule(
      practice,
      {
        appointmentId: appointment.id,
        patientId: patient.id,
        newSlot: slot,
        idempotencyKey: idempotencyKey(session.callId, 'reschedule', { appointment: appointment.id, start: slot.start }),
      },
      options,
    );
    if (result.status === 'not_found') return { status: 'unknown_appointment' };
    if (result.status === 'slot_taken') return this.unavailable(practice, type, window, newLocalStart, search);
    session.shownAppointments.set(access.ref, result.appointment);
    recordNewAppointment(session, 'rescheduled', result.appointment.id, [result.previous.id]);
    this.logger.info(
      { ...ids(session), appointmentId: result.appointment.id, previousAppointmentId: result.previous.id },
      'appointment rescheduled',
    );
    return { status: 'rescheduled', ref: access.ref, appointment: result.appointment };
  }

  async cancel(session: CallSession, ref: string, options: BackendCallOptions = {}): Promise<CancelOutcome> {
    const access = accessibleAppointment(session, ref, { includeCancelled: true });
    if ('status' in access) return this.refused(session, access);
    const { patient, appointment } = access;
    // Already cancelled in this call: a re-asked or retried cancellation.
    if (appointment.status === 'cancelled') return { status: 'cancelled', ref: access.ref, appointment };
    const result = await this.backend.cancel(
      session.practice,
      {
        appointmentId: appointment.id,
        patientId: patient.id,
        idempotencyKey: idempotencyKey(session.callId, 'cancel', { appointment: appointment.id }),
      },
      options,
    );
    if (result.status === 'not_found') return { status: 'unknown_appointment' };
    session.shownAppointments.set(access.ref, result.appointment);
    recordOutcome(session, 'cancelled', [result.appointment.id]);
    this.logger.info({ ...ids(session), appointmentId: result.appointment.id }, 'appointment cancelled');
    return { status: 'cancelled', ref: access.ref, appointment: result.appointment };
  }

  /**
   * The slot check itself found the backend unavailable. The booking is queued without the live check when the
   * practice's own calendar has that slot (on the grid, within opening hours, no closure, in the booking window)
   * and the patient is known (found, or registered now): delivery re-checks the slot at the backend, and a slot
   * taken meanwhile is parked for staff to call the patient back. No live write is tried: the backend has just
   * failed to answer, and the caller must not wait on it again. Otherwise the error stands.
   */
  private async bookWhileUnavailable(
    session: CallSession,
    request: BookAppointmentRequest,
    type: AppointmentType,
    start: Date,
    window: BookingWindow,
    error: unknown,
    options: BackendCallOptions,
  ): Promise<BookingOutcome> {
    if (!this.pending || !queueableFailure(error, options.signal)) throw error;
    const slot = calendarSlotAt(session.practice, type, start, window);
    if (!slot) {
      this.logger.info({ ...ids(session), typeCode: type.code }, 'booking not queued: not a slot of the practice calendar');
      throw error;
    }
    const caller = await this.patientFor(session, request, options);
    if (!caller) return { status: 'incomplete_name' };
    const { patient, newPatient } = caller;
    const queued = { patient, slot, idempotencyKey: bookingKey(session, type, start, patient), newPatient };
    return this.pending.queue(session, queued, { at: 'slot_check', cause: error }, options.signal);
  }

  /** The caller as a patient: found by name and date of birth, else registered; null when the name is incomplete. */
  private async patientFor(
    session: CallSession,
    request: BookAppointmentRequest,
    options: BackendCallOptions,
  ): Promise<{ patient: Patient; newPatient: boolean } | null> {
    const existing = await this.identify(session, request.identity, options);
    const patient = existing ?? (await this.register(session, request, options));
    if (!patient) return null;
    session.verifiedPatient = patient;
    return { patient, newPatient: !existing };
  }

  /** The practice's patient with this name and date of birth, if any (the already verified caller first). */
  private async identify(session: CallSession, identity: CallerIdentity, options: BackendCallOptions): Promise<Patient | null> {
    const verified = session.verifiedPatient;
    if (verified && matchesIdentity(verified, identity)) return verified;
    const candidates = await this.backend.findPatients(
      session.practice,
      { dateOfBirth: identity.dateOfBirth, fullName: identity.fullName },
      options,
    );
    return candidates.find((patient) => patient.practiceId === session.practice.id && matchesIdentity(patient, identity)) ?? null;
  }

  /** Registers the caller as a new patient; null when the name has no distinct last name. */
  private async register(
    session: CallSession,
    request: BookAppointmentRequest,
    options: BackendCallOptions,
  ): Promise<Patient | null> {
    const name = splitFullName(request.identity.fullName);
    if (!name) return null;
    const details = { ...name, dateOfBirth: request.identity.dateOfBirth };
    const patient = await this.backend.registerPatient(
      session.practice,
      // The number the caller gave, else the one they are calling from.
      { ...details, phone: toE164(request.phone) ?? toE164(session.callerNumber) },
      idempotencyKey(session.callId, 'register_patient', details),
      options,
    );
    this.logger.info({ ...ids(session), patientId: patient.id }, 'patient registered');
    return patient;
  }

  /** The patient's active appointment of this type at this start, if they already hold one. */
  private async heldAppointment(
    practice: Practice,
    patient: Patient,
    typeCode: string,
    start: Date,
    options: BackendCallOptions,
  ): Promise<Appointment | null> {
    return heldIn(await this.backend.appointmentsOf(practice, patient.id, options), practice, patient, typeCode, start);
  }

  private async unavailable(
    practice: Practice,
    type: AppointmentType,
    window: BookingWindow,
    localStart: string,
    search: SlotSearch,
  ): Promise<SlotUnavailable> {
    return { status: 'slot_unavailable', alternatives: await this.slots.alternativesTo(practice, type, window, localStart, search) };
  }

  private async outsideWindow(
    practice: Practice,
    type: AppointmentType,
    window: BookingWindow,
    localStart: string,
    search: SlotSearch,
  ): Promise<OutsideWindow> {
    return {
      status: 'outside_booking_window',
      window,
      alternatives: await this.slots.alternativesTo(practice, type, window, localStart, search),
    };
  }

  private refused<T extends { status: string }>(session: CallSession, refusal: T): T {
    this.logger.warn({ ...ids(session), reason: refusal.status }, 'appointment change refused');
    return refusal;
  }
}

/** A local start as an instant; "2026-02-30T10:00" is invalid, a time in the spring-forward gap nonexistent. */
function parseStart(practice: Practice, localStart: string): Start {
  const parts = splitLocalDateTime(localStart.trim());
  if (!parts || !isLocalDate(parts.date)) return { kind: 'invalid' };
  const instant = localToInstant(parts.date, parts.time, practice.timeZone);
  return instant ? { kind: 'ok', instant } : { kind: 'nonexistent' };
}

function heldIn(
  appointments: readonly Appointment[],
  practice: Practice,
  patient: Patient,
  typeCode: string,
  start: Date,
): Appointment | null {
  const held = appointments.find(
    (appointment) =>
      isActiveFor(appointment, practice, patient) &&
      appointment.typeCode === typeCode &&
      Date.parse(appointment.start) === start.getTime(),
  );
  return held ?? null;
}

/**
 * One booking per call, type, start instant and patient, whichever provider takes it: a re-asked booking, and
 * one queued while the backend was down and then asked for again live, write once.
 */
function bookingKey(session: CallSession, type: AppointmentType, start: Date, patient: Patient): string {
  return idempotencyKey(session.callId, 'book', { type: type.code, start: start.toISOString(), patient: patient.id });
}

function invalidDate(field: InvalidDate['field']): InvalidDate {
  return { status: 'invalid_date', field };
}

function unknownType(practice: Practice): UnknownType {
  return { status: 'unknown_type', validCodes: practice.appointmentTypes.map((type) => type.code) };
}

function ids(session: CallSession): { callId: string; practiceId: string } {
  return { callId: session.callId, practiceId: session.practice.id };
}
