import type { Practice } from '../../model';

/** A small practice in New York, for the conversation's tests. */
export function practiceFixture(overrides: Partial<Practice> = {}): Practice {
  return {
    id: 'practice-maple',
    name: 'Maple Street Dental',
    timeZone: 'America/New_York',
    weeklyHours: {
      monday: [{ opens: '08:00', closes: '17:00' }],
      tuesday: [{ opens: '08:00', closes: '17:00' }],
      wednesday: [{ opens: '08:00', closes: '17:00' }],
      thursday: [{ opens: '08:00', closes: '17:00' }],
      friday: [{ opens: '08:00', closes: '13:00' }],
      saturday: [{ opens: '09:00', closes: '12:30' }],
    },
    closures: [{ date: '2026-03-13', reason: 'staff training' }],
    providers: [
      { id: 'prov-lee', name: 'Dr. Lee', kind: 'dentist' },
      { id: 'prov-kim', name: 'Sam Kim', kind: 'hygienist' },
    ],
    operatories: [{ id: 'op-1', name: 'Room 1' }],
    appointmentTypes: [
      { code: 'cleaning', name: 'Cleaning', durationMinutes: 60, providerKind: 'hygienist' },
      { code: 'exam', name: 'Exam', durationMinutes: 30, providerKind: 'dentist' },
      { code: 'new_patient', name: 'New patient visit', durationMinutes: 90, providerKind: 'dentist' },
    ],
    onCallNumber: '+15550009111',
    transferTargets: [
      { label: 'billing', number: '+15550002222' },
      { label: 'front_desk', number: '+15550001111' },
    ],
    greeting: '',
    address: '12 Maple Street, Springfield',
    facts: { parking: 'Free parking behind the building.' },
    bookingPolicy: { minimumNoticeMinutes: 120, maximumDaysAhead: 60, slotGranularityMinutes: 15 },
    ...overrides,
  };
}

/** Tuesday, March 3, 2026, 10:30 PM in New York: already Wednesday in UTC. */
export const LATE_TUESDAY_IN_NEW_YORK = new Date('2026-03-04T03:30:00Z');
