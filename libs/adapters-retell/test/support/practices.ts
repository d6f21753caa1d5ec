import type { Practice } from '@crowndesk/domain';

/** A minimal practice: the adapter reads only its id; the rest satisfies the domain type. */
export function practice(id: string, greeting = `Thank you for calling ${id}, how can I help?`): Practice {
  return {
    id,
    name: `Practice ${id}`,
    timeZone: 'America/New_York',
    weeklyHours: { monday: [{ opens: '08:00', closes: '17:00' }] },
    closures: [],
    providers: [{ id: 'prov-1', name: 'Dr. Lee', kind: 'dentist' }],
    operatories: [{ id: 'op-1', name: 'Room 1' }],
    appointmentTypes: [{ code: 'cleaning', name: 'Cleaning', durationMinutes: 60, providerKind: 'hygienist' }],
    onCallNumber: '+15550009999',
    transferTargets: [{ label: 'front_desk', number: '+15550008888' }],
    greeting,
    address: '1 Main St',
    facts: {},
    bookingPolicy: { minimumNoticeMinutes: 60, maximumDaysAhead: 60, slotGranularityMinutes: 15 },
  };
}
