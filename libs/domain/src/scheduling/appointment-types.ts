import type { AppointmentType, Practice } from '../model';

/** How callers (and models) name the usual visit codes. */
const SYNONYMS: Record<string, string> = {
  checkup: 'exam',
  check_up: 'exam',
  checkups: 'exam',
  examination: 'exam',
  dental_exam: 'exam',
  routine_exam: 'exam',
  exam_and_cleaning: 'exam',
  hygiene: 'cleaning',
  teeth_cleaning: 'cleaning',
  dental_cleaning: 'cleaning',
  cleanup: 'cleaning',
  prophy: 'cleaning',
  prophylaxis: 'cleaning',
  new_patient: 'new_patient',
  new_patient_exam: 'new_patient',
  new_patient_visit: 'new_patient',
  first_visit: 'new_patient',
  newpatient: 'new_patient',
  toothache: 'emergency',
  urgent: 'emergency',
  emergency_visit: 'emergency',
  dental_emergency: 'emergency',
};

/** "New Patient", "new-patient", " Cleanings " -> "new_patient", "new_patient", "cleanings". */
function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The practice's appointment type for a code or a common way of saying it ("checkup" is an exam, "hygiene"
 * a cleaning, "new patient" a new_patient visit); null when the practice has no such type.
 */
export function resolveAppointmentType(practice: Practice, spoken: string): AppointmentType | null {
  const wanted = normalise(spoken);
  if (!wanted) return null;
  const candidates = [wanted, wanted.replace(/s$/, '')];
  for (const candidate of candidates) {
    const direct = practice.appointmentTypes.find(
      (type) => normalise(type.code) === candidate || normalise(type.name) === candidate,
    );
    if (direct) return direct;
    const synonym = SYNONYMS[candidate];
    const viaSynonym = synonym ? practice.appointmentTypes.find((type) => type.code === synonym) : undefined;
    if (viaSynonym) return viaSynonym;
  }
  return null;
}

/** The type of an existing appointment, by its code. */
export function appointmentTypeByCode(practice: Practice, code: string): AppointmentType | null {
  return practice.appointmentTypes.find((type) => type.code === code) ?? null;
}
