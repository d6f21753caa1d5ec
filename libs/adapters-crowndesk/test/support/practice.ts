import type { Practice } from '@crowndesk/domain';
import type { BackendCredentials } from '../../src/index';

/** A practice in New York (EDT in June: UTC-4). Mon-Thu 08:00-17:00, Fri 08:00-12:00, closed weekends. */
export const maple: Practice = {
  id: 'practice-maple',
  name: 'Maple Dental',
  timeZone: 'America/New_York',
  weeklyHours: {
    monday: [{ opens: '08:00', closes: '17:00' }],
    tuesday: [{ opens: '08:00', closes: '17:00' }],
    wednesday: [{ opens: '08:00', closes: '17:00' }],
    thursday: [{ opens: '08:00', closes: '17:00' }],
    friday: [{ opens: '08:00', closes: '12:00' }],
  },
  closures: [{ date: '2025-07-04', reason: 'Independence Day' }],
  providers: [
    { id: 'prov-lee', name: 'Dr. Lee', kind: 'dentist' },
    { id: 'prov-park', name: 'Sam Park', kind: 'hygienist' },
    { id: 'prov-ruiz', name: 'Ana Ruiz', kind: 'hygienist' },
  ],
  operatories: [
    { id: 'op-1', name: 'Chair 1' },
    { id: 'op-2', name: 'Chair 2' },
  ],
  appointmentTypes: [
    { code: 'cleaning', name: 'Cleaning', durationMinutes: 60, providerKind: 'hygienist' },
    { code: 'exam', name: 'Exam', durationMinutes: 30, providerKind: 'dentist' },
    { code: 'emergency', name: 'Emergency visit', durationMinutes: 30, providerKind: 'dentist' },
    { code: 'new_patient', name: 'New patient visit', durationMinutes: 60, providerKind: 'dentist' },
  ],
  onCallNumber: '+15550000911',
  transferTargets: [{ label: 'front_desk', number: '+15550000100' }],
  greeting: 'Thank you for calling Maple Dental.',
  address: '1 Maple Street',
  facts: {},
  bookingPolicy: { minimumNoticeMinutes: 60, maximumDaysAhead: 30, slotGranularityMinutes: 15 },
};

/** A second tenant, to show that each practice's own key and tenant id are sent. */
export const oak: Practice = { ...maple, id: 'practice-oak', name: 'Oak Dental' };

export const CREDENTIALS: Record<string, BackendCredentials> = {
  'practice-maple': { apiKey: 'crowndesk_test_maplekey', tenantId: 'tenant-maple' },
  'practice-oak': { apiKey: 'crowndesk_test_oakkey', tenantId: 'tenant-oak' },
};

export function credentialsFor(practice: Practice): BackendCredentials {
  const credentials = CREDENTIALS[practice.id];
  if (!credentials) throw new Error(`no credentials for ${practice.id}`);
  return credentials;
}
