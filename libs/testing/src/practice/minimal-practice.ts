import type { Practice } from '@crowndesk/domain';

/** Where a minimal practice transfers callers: its front desk, and its on-call number. */
export const FRONT_DESK_NUMBER = '+15550008888';
export const ON_CALL_NUMBER = '+15550009999';

/**
 * A minimal practice for transport adapters, which read little more than its id, greeting and transfer
 * numbers; the rest only satisfies the domain type. `overrides` replace whole fields.
 */
export function minimalPractice(id: string, overrides: Partial<Practice> = {}): Practice {
  return {
    id,
    name: `Practice ${id}`,
    timeZone: 'America/New_York',
    weeklyHours: { monday: [{ opens: '08:00', closes: '17:00' }] },
    closures: [],
    providers: [{ id: 'prov-1', name: 'Dr. Lee', kind: 'dentist' }],
    operatories: [{ id: 'op-1', name: 'Room 1' }],
    appointmentTypes: [{ code: 'cleaning', name: 'Cleaning', durationMinutes: 60, providerKind: 'hygienist' }],
    onCallNumber: ON_CALL_NUMBER,
    transferTargets: [{ label: 'front_desk', number: FRONT_DESK_NUMBER }],
    greeting: `Thank you for calling ${id}.`,
    address: '1 Main St',
    facts: {},
    bookingPolicy: { minimumNoticeMinutes: 60, maximumDaysAhead: 60, slotGranularityMinutes: 15 },
    ...overrides,
  };
}
