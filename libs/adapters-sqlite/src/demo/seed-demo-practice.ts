import { addDays, localToInstant, weekdayOf, zoneClock, type LocalDate, type Practice } from '@crowndesk/domain';
import type { EmbeddedDatabase } from '../database/embedded-database';
import { addMinutes, toUtcInstant, type UtcInstant } from '../database/utc-instant';
import { savePractice } from '../practices/save-practice';
import { AppointmentStore } from '../scheduling/appointment-store';
import { PatientStore } from '../scheduling/patient-store';
import {
  DEMO_AGENT_ID,
  DEMO_APPOINTMENT,
  DEMO_PATIENTS,
  DEMO_PHONE_NUMBER,
  DEMO_PRACTICE,
  DEMO_SEED_NAME,
} from './demo-practice';

/**
 * Seeds the demo practice, its patients and one upcoming appointment, once per database file ever: the run is
 * recorded in `seed_runs` in the same IMMEDIATE transaction, so re-opening (or two processes opening at once)
 * never seeds twice, and deleting demo rows later does not bring them back. Returns whether it seeded now.
 */
export function seedDemoPractice(database: EmbeddedDatabase): boolean {
  const { handle } = database;
  const alreadySeeded = handle.prepare<[string], number>('SELECT 1 FROM seed_runs WHERE name = ?').pluck();
  const recordSeed = handle.prepare('INSERT INTO seed_runs (name, applied_at) VALUES (?, ?)');
  const patients = new PatientStore(handle);
  const appointments = new AppointmentStore(handle);

  const seed = handle.transaction((now: UtcInstant): boolean => {
    if (alreadySeeded.get(DEMO_SEED_NAME) !== undefined) return false;
    savePractice(database, DEMO_PRACTICE, {
      phoneNumbers: [DEMO_PHONE_NUMBER],
      voiceAgentIds: [DEMO_AGENT_ID],
      isFallback: true,
    });
    for (const patient of Object.values(DEMO_PATIENTS)) {
      patients.insert({ ...patient, idempotencyKey: null, createdAt: now });
    }
    const start = demoAppointmentStart(DEMO_PRACTICE, new Date(now));
    appointments.insert({
      id: DEMO_APPOINTMENT.id,
      practiceId: DEMO_PRACTICE.id,
      patientId: DEMO_APPOINTMENT.patientId,
      typeCode: DEMO_APPOINTMENT.typeCode,
      providerId: DEMO_APPOINTMENT.providerId,
      operatoryId: DEMO_APPOINTMENT.operatoryId,
      start,
      end: addMinutes(start, durationOf(DEMO_PRACTICE, DEMO_APPOINTMENT.typeCode)),
      idempotencyKey: `seed:${DEMO_APPOINTMENT.id}`,
      rescheduledFrom: null,
      createdAt: now,
    });
    recordSeed.run(DEMO_SEED_NAME, now);
    return true;
  });

  let seeded: boolean;
  try {
    seeded = seed.immediate(toUtcInstant(database.now()));
  } catch (error) {
    throw new Error(`Could not seed the demo practice ${DEMO_PRACTICE.id}`, { cause: error });
  }
  if (seeded) {
    database.logger.info(
      { practiceId: DEMO_PRACTICE.id, patients: Object.keys(DEMO_PATIENTS).length, appointments: 1 },
      'demo practice seeded',
    );
  }
  return seeded;
}

/**
 * When the demo appointment starts: its local start time on the Nth day after `seededAt` (in the practice's
 * zone) on which the practice is open, skipping weekends and closures.
 */
export function demoAppointmentStart(practice: Practice, seededAt: Date): UtcInstant {
  let date: LocalDate = zoneClock(practice.timeZone).localDateOf(seededAt);
  for (let openDays = 0; openDays < DEMO_APPOINTMENT.openDaysAfterSeed; ) {
    date = addDays(date, 1);
    if (isOpenOn(practice, date)) openDays += 1;
  }
  const start = localToInstant(date, DEMO_APPOINTMENT.localStartTime, practice.timeZone);
  if (!start) throw new Error(`The demo appointment time does not exist on ${date} in ${practice.timeZone}`);
  return toUtcInstant(start);
}

function isOpenOn(practice: Practice, date: LocalDate): boolean {
  const periods = practice.weeklyHours[weekdayOf(date)] ?? [];
  return periods.length > 0 && !practice.closures.some((closure) => closure.date === date);
}

function durationOf(practice: Practice, typeCode: string): number {
  const type = practice.appointmentTypes.find((candidate) => candidate.code === typeCode);
  if (!type) throw new Error(`The demo practice has no appointment type "${typeCode}"`);
  return type.durationMinutes;
}
