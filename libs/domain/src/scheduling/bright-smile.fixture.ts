import type { Clock } from '../ports';
import type { Patient, Practice } from '../model';
import type { CallSession } from '../receptionist/call-session';
import { createCallSession } from '../receptionist/call-session';

/**
 * Test fixtures for scheduling and the receptionist's tools: Bright Smile Dental in New York, a fake clock,
 * a recording logger, and a few patients. Dates are late 2026, when Tuesday is December 1.
 */

const WEEKDAY_HOURS = [{ opens: '08:00', closes: '17:00' }];

export function brightSmileDental(overrides: Partial<Practice> = {}): Practice {
  return {
    id: 'practice-bright-smile',
    name: 'Bright Smile Dental',
    timeZone: 'America/New_York',
    weeklyHours: { monday: WEEKDAY_HOURS, tuesday: WEEKDAY_HOURS, wednesday: WEEKDAY_HOURS, thursday: WEEKDAY_HOURS, friday: WEEKDAY_HOURS },
    closures: [{ date: '2026-12-25', reason: 'Christmas Day' }],
    providers: [
      { id: 'dr-lee', name: 'Dr. Lee', kind: 'dentist' },
      { id: 'hyg-kim', name: 'Maya Kim', kind: 'hygienist' },
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
    onCallNumber: '+15550000911',
    transferTargets: [
      { label: 'front_desk', number: '+15550000100' },
      { label: 'billing', number: '+15550000200' },
    ],
    greeting: 'Thank you for calling Bright Smile Dental.',
    address: '12 Main Street, Springfield, New Jersey',
    facts: {
      insurance_accepted: 'We accept Delta Dental, Cigna and Aetna PPO plans.',
      parking: 'Free parking is behind the building.',
    },
    bookingPolicy: { minimumNoticeMinutes: 120, maximumDaysAhead: 60, slotGranularityMinutes: 30 },
    ...overrides,
  };
}

/** A practice open every night from midnight to 4 AM: its hours straddle the 2 AM DST changes. */
export function nightOwlDental(overrides: Partial<Practice> = {}): Practice {
  const night = [{ opens: '00:00', closes: '04:00' }];
  return brightSmileDental({
    id: 'practice-night-owl',
    name: 'Night Owl Dental',
    weeklyHours: { monday: night, tuesday: night, wednesday: night, thursday: night, friday: night, saturday: night, sunday: night },
    closures: [],
    ...overrides,
  });
}

/** Monday, November 30, 2026, 9:00 AM in New York (EST). */
export const MONDAY_9AM = new Date('2026-11-30T14:00:00Z');

export class FakeClock implements Clock {
  constructor(private current: Date = MONDAY_9AM) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date): void {
    this.current = instant;
  }
}

export { RecordingLogger, type LogEntry } from '../recording-logger.fixture';

/** An existing patient of Bright Smile Dental, with an accent and an apostrophe in her name. */
export const MARIA: Omit<Patient, 'id' | 'practiceId'> = {
  firstName: 'María',
  lastName: "O'Connor-García",
  dateOfBirth: '1984-07-19',
  phone: '+15551110001',
};

export const JAMES: Omit<Patient, 'id' | 'practiceId'> = {
  firstName: 'James',
  lastName: 'Whitfield',
  dateOfBirth: '1975-01-30',
  phone: '+15551110002',
};

export function callSession(practice: Practice, callId = 'call-1', callerNumber = '+15557770000'): CallSession {
  return createCallSession({ callId, practice, channel: 'simulator', callerNumber, startedAt: MONDAY_9AM.toISOString() });
}
