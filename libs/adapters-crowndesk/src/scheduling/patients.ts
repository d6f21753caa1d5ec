import type { BackendCallOptions, NewPatient, Patient, PatientSearch, Practice } from '@crowndesk/domain';
import { BackendRejectedError } from '../client/errors';
import type { NewPatientBody } from '../wire/ai-agent-routes';
import type { PatientWire } from '../wire/patient-wire';
import type { SchedulingContext } from './context';

/** Words that are never a surname to search by: titles and generational suffixes. */
const NOT_A_NAME = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'jr', 'sr', 'ii', 'iii', 'iv']);
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * CrownDesk searches "first or last name contains q", so a full name never matches as a whole. We search by
 * the last word (the surname, as callers say names), and only if no one there has the caller's birth date,
 * by the first word (names said surname-first, or a surname spelled differently). The birth date filter is
 * local; the domain decides whether the name matches.
 */
export async function findPatients(
  context: SchedulingContext,
  practice: Practice,
  search: PatientSearch,
  options: BackendCallOptions = {},
): Promise<Patient[]> {
  const dateOfBirth = search.dateOfBirth.trim();
  for (const term of searchTerms(search.fullName)) {
    const found = await context.routes.searchPatients(practice, term, options.signal);
    const candidates = found.filter((patient) => patient.dob === dateOfBirth);
    if (candidates.length > 0) return candidates.map((patient) => toPatient(practice, patient));
  }
  return [];
}

/**
 * Creates the patient. CrownDesk ignores Idempotency-Key but refuses (400 "... already exists") a second
 * patient with the same first name, last name and birth date; a replay of this write (our retry after a lost
 * answer, or the outbox) therefore lands there, and we answer with the record the first attempt created.
 * Not started once the caller's signal has aborted; once sent, seen through.
 */
export async function registerPatient(
  context: SchedulingContext,
  practice: Practice,
  patient: NewPatient,
  idempotencyKey: string,
  options: BackendCallOptions = {},
): Promise<Patient> {
  options.signal?.throwIfAborted();
  const body: NewPatientBody = {
    firstName: patient.firstName.trim(),
    lastName: patient.lastName.trim(),
    dateOfBirth: patient.dateOfBirth.trim(),
    ...(patient.phone ? { phone: patient.phone } : {}),
  };
  try {
    return toPatient(practice, await context.routes.createPatient(practice, body, idempotencyKey));
  } catch (error) {
    if (!isDuplicatePatient(error)) throw error;
    const existing = await findSamePatient(context, practice, body);
    if (!existing) throw error;
    context.logger.info(
      { practiceId: practice.id, patientId: existing.id },
      'Patient already registered in CrownDesk: using the existing record',
    );
    return existing;
  }
}

function isDuplicatePatient(error: unknown): error is BackendRejectedError {
  return error instanceof BackendRejectedError && error.status === 400 && /already exists/i.test(error.backendMessage ?? '');
}

async function findSamePatient(context: SchedulingContext, practice: Practice, body: NewPatientBody): Promise<Patient | null> {
  const term = body.lastName.length >= 2 ? body.lastName : body.firstName;
  const same = (await context.routes.searchPatients(practice, term)).find(
    (candidate) =>
      candidate.dob === body.dateOfBirth &&
      sameWord(candidate.firstName, body.firstName) &&
      sameWord(candidate.lastName, body.lastName),
  );
  return same ? toPatient(practice, same) : null;
}

function searchTerms(fullName: string): string[] {
  const words = fullName
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word.length >= 2 && !NOT_A_NAME.has(word.toLowerCase()));
  const last = words.at(-1);
  const first = words[0];
  if (!last || !first) return [];
  return sameWord(first, last) ? [last] : [last, first];
}

/** A CrownDesk patient in domain words. Phones that are not E.164 are dropped rather than guessed at. */
function toPatient(practice: Practice, wire: PatientWire): Patient {
  const patient: Patient = {
    id: wire.id,
    practiceId: practice.id,
    firstName: wire.firstName,
    lastName: wire.lastName,
    dateOfBirth: wire.dob,
  };
  const phone = wire.phone?.trim();
  if (phone && E164.test(phone)) patient.phone = phone;
  return patient;
}

function sameWord(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
