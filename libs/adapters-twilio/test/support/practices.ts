import type { Practice, PracticeDirectory } from '@crowndesk/domain';

export const PRACTICE_NUMBER = '+15550001111';
export const CALLER_NUMBER = '+15557654321';
export const FRONT_DESK = '+15550008888';
export const ON_CALL = '+15550009999';

/** A minimal practice: the adapter reads its id, greeting and transfer numbers. */
export function practice(id: string, overrides: Partial<Practice> = {}): Practice {
  return {
    id,
    name: `Practice ${id}`,
    timeZone: 'America/New_York',
    weeklyHours: { monday: [{ opens: '08:00', closes: '17:00' }] },
    closures: [],
    providers: [{ id: 'prov-1', name: 'Dr. Lee', kind: 'dentist' }],
    operatories: [{ id: 'op-1', name: 'Room 1' }],
    appointmentTypes: [{ code: 'cleaning', name: 'Cleaning', durationMinutes: 60, providerKind: 'hygienist' }],
    onCallNumber: ON_CALL,
    transferTargets: [{ label: 'front_desk', number: FRONT_DESK }],
    greeting: `Thank you for calling ${id}.`,
    address: '1 Main St',
    facts: {},
    bookingPolicy: { minimumNoticeMinutes: 60, maximumDaysAhead: 60, slotGranularityMinutes: 15 },
    ...overrides,
  };
}

/** A PracticeDirectory backed by maps the test fills; it counts lookups. */
export class FakePracticeDirectory implements PracticeDirectory {
  readonly byNumber = new Map<string, Practice>();
  readonly byPracticeId = new Map<string, Practice>();
  fallbackPractice: Practice | null = null;
  lookups = 0;

  add(practice: Practice, number?: string): this {
    this.byPracticeId.set(practice.id, practice);
    if (number) this.byNumber.set(number, practice);
    return this;
  }

  async byPhoneNumber(phoneNumber: string): Promise<Practice | null> {
    this.lookups += 1;
    return this.byNumber.get(phoneNumber) ?? null;
  }
  async byVoiceAgentId(): Promise<Practice | null> {
    this.lookups += 1;
    return null;
  }
  async byId(practiceId: string): Promise<Practice | null> {
    this.lookups += 1;
    return this.byPracticeId.get(practiceId) ?? null;
  }
  async fallback(): Promise<Practice | null> {
    this.lookups += 1;
    return this.fallbackPractice;
  }
}
