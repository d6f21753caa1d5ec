import type { Patient, Practice } from '@crowndesk/domain';

/**
 * The demo practice the embedded database seeds on first open, so the service answers calls with zero
 * configuration. Exported so tests, the call simulator and the gateway can refer to it by id and number.
 */

export const DEMO_PRACTICE_ID = 'bright-smile';
/** The number callers dial; also what a Twilio/Retell webhook reports as the "to" number. */
export const DEMO_PHONE_NUMBER = '+15555550123';
export const DEMO_AGENT_ID = 'agent_bright_smile_demo';
export const DEMO_ON_CALL_NUMBER = '+15555550199';
export const DEMO_FRONT_DESK_NUMBER = '+15555550100';
export const DEMO_BILLING_NUMBER = '+15555550101';

export const DEMO_DENTIST_ID = 'prov-dentist-patel';
export const DEMO_HYGIENIST_ID = 'prov-hygienist-lee';
export const DEMO_OPERATORY_IDS = ['op-1', 'op-2'] as const;

export const DEMO_PRACTICE: Practice = {
  id: DEMO_PRACTICE_ID,
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  weeklyHours: {
    monday: [{ opens: '08:00', closes: '17:00' }],
    tuesday: [{ opens: '08:00', closes: '17:00' }],
    wednesday: [{ opens: '08:00', closes: '17:00' }],
    thursday: [{ opens: '08:00', closes: '17:00' }],
    friday: [{ opens: '08:00', closes: '17:00' }],
  },
  closures: [
    { date: '2026-11-26', reason: 'Thanksgiving Day' },
    { date: '2026-11-27', reason: 'Day after Thanksgiving' },
    { date: '2026-12-25', reason: 'Christmas Day' },
    { date: '2027-01-01', reason: "New Year's Day" },
  ],
  providers: [
    { id: DEMO_DENTIST_ID, name: 'Dr. Maya Patel', kind: 'dentist' },
    { id: DEMO_HYGIENIST_ID, name: 'Jordan Lee', kind: 'hygienist' },
  ],
  operatories: [
    { id: 'op-1', name: 'Operatory 1' },
    { id: 'op-2', name: 'Operatory 2' },
  ],
  appointmentTypes: [
    { code: 'cleaning', name: 'Cleaning', durationMinutes: 60, providerKind: 'hygienist' },
    { code: 'exam', name: 'Exam', durationMinutes: 30, providerKind: 'dentist' },
    { code: 'emergency', name: 'Emergency visit', durationMinutes: 30, providerKind: 'dentist' },
    { code: 'new_patient', name: 'New patient visit', durationMinutes: 90, providerKind: 'dentist' },
  ],
  onCallNumber: DEMO_ON_CALL_NUMBER,
  transferTargets: [
    { label: 'front_desk', number: DEMO_FRONT_DESK_NUMBER },
    { label: 'billing', number: DEMO_BILLING_NUMBER },
  ],
  greeting: 'Thank you for calling Bright Smile Dental, this is Ava, the virtual receptionist. How can I help you today?',
  address: '120 Main Street, Springfield',
  facts: {
    parking: 'Free parking is available in the lot behind the building, including accessible spaces by the entrance.',
    insurance: 'We accept most PPO plans including Delta Dental, Cigna, Aetna and MetLife.',
    new_patients:
      'New patients are welcome. Please arrive 15 minutes early with a photo ID and your insurance card to complete your paperwork.',
    payment:
      'We accept cash, all major credit cards, HSA and FSA cards, and CareCredit. Payment is due at the time of the visit.',
  },
  bookingPolicy: { minimumNoticeMinutes: 120, maximumDaysAhead: 60, slotGranularityMinutes: 30 },
};

type DemoPatient = Required<Pick<Patient, 'id' | 'practiceId' | 'firstName' | 'lastName' | 'dateOfBirth' | 'phone'>>;

export const DEMO_PATIENTS = {
  janeDoe: {
    id: 'pat-demo-jane-doe',
    practiceId: DEMO_PRACTICE_ID,
    firstName: 'Jane',
    lastName: 'Doe',
    dateOfBirth: '1985-03-14',
    phone: '+15555550111',
  },
  johnSmith: {
    id: 'pat-demo-john-smith',
    practiceId: DEMO_PRACTICE_ID,
    firstName: 'John',
    lastName: 'Smith',
    dateOfBirth: '1979-11-02',
    phone: '+15555550112',
  },
  mariaGarcia: {
    id: 'pat-demo-maria-garcia',
    practiceId: DEMO_PRACTICE_ID,
    firstName: 'Maria',
    lastName: 'Garcia',
    dateOfBirth: '1992-07-25',
    phone: '+15555550113',
  },
} as const satisfies Record<string, DemoPatient>;

/** Jane Doe's upcoming cleaning, so reschedule and cancel can be tried in a demo call. */
export const DEMO_APPOINTMENT = {
  id: 'apt-demo-jane-cleaning',
  patientId: DEMO_PATIENTS.janeDoe.id,
  typeCode: 'cleaning',
  providerId: DEMO_HYGIENIST_ID,
  operatoryId: 'op-1',
  /** Practice-local start time, on the third open day after the day the database was seeded. */
  localStartTime: '10:00',
  openDaysAfterSeed: 3,
} as const;

/** Name under which the demo seed is recorded in `seed_runs`. */
export const DEMO_SEED_NAME = 'demo-practice:bright-smile:v1';
