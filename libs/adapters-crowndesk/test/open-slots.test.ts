import { describe, expect, it } from 'vitest';
import type { AppointmentType, OpenSlotQuery } from '@crowndesk/domain';
import { BackendUnavailableError } from '../src/index';
import type { SeenRequest } from './support/backend';
import { fakeBackend, json, nestError } from './support/backend';
import { maple } from './support/practice';
import { daySlots } from './support/rows';
import { testScheduling } from './support/scheduling';

const backend = fakeBackend();
const SLOTS = '/api/ai-agent/appointments/slots';

const cleaning = maple.appointmentTypes.find((type) => type.code === 'cleaning') as AppointmentType;
const exam = maple.appointmentTypes.find((type) => type.code === 'exam') as AppointmentType;

type SlotBody = { provider: string; date: string; duration: number };
const bodyOf = (seen: SeenRequest) => seen.body as SlotBody;
/** Searches run concurrently: compare them in a stable order. */
const sortedBodies = (seen: SeenRequest[]) =>
  seen.map(bodyOf).sort((a, b) => a.date.localeCompare(b.date) || a.provider.localeCompare(b.provider));
const summary = (slots: { start: string; providerId: string }[]) => slots.map((slot) => `${slot.start} ${slot.providerId}`);

describe('CrownDeskSchedulingBackend.openSlots', () => {
  it("asks for each provider of the type's kind on each open day, at local noon, and keeps free slots inside hours and range", async () => {
    backend.on('POST', SLOTS, (seen) => {
      const { provider, date } = bodyOf(seen);
      // The server runs in the practice's zone: its 08:00-17:00 is New York's (12:00Z-21:00Z in June).
      const day = date.slice(0, 10);
      const first = `${day}T12:00:00.000Z`;
      if (provider === 'Sam Park' && day === '2025-06-05') return json(daySlots(provider, first, 9, 60, ['2025-06-05T14:00:00.000Z']));
      if (provider === 'Ana Ruiz' && day === '2025-06-06') {
        return json(daySlots(provider, first, 9, 60).map((slot) => ({ ...slot, available: false })));
      }
      return json(daySlots(provider, first, 9, 60));
    });
    const { backend: scheduling } = testScheduling();
    const query: OpenSlotQuery = { appointmentType: cleaning, from: '2025-06-05T13:30:00.000Z', to: '2025-06-07T04:00:00.000Z' };

    const slots = await scheduling.openSlots(maple, query);

    expect(sortedBodies(backend.to('POST', SLOTS))).toEqual([
      { provider: 'Ana Ruiz', date: '2025-06-05T16:00:00.000Z', duration: 60 },
      { provider: 'Sam Park', date: '2025-06-05T16:00:00.000Z', duration: 60 },
      { provider: 'Ana Ruiz', date: '2025-06-06T16:00:00.000Z', duration: 60 },
      { provider: 'Sam Park', date: '2025-06-06T16:00:00.000Z', duration: 60 },
    ]);
    expect(backend.seen.every((seen) => seen.headers['idempotency-key'] === null)).toBe(true);
    expect(slots[0]).toEqual({
      typeCode: 'cleaning',
      providerId: 'prov-ruiz',
      operatoryId: 'op-1',
      start: '2025-06-05T14:00:00.000Z',
      end: '2025-06-05T15:00:00.000Z',
    });
    expect(summary(slots)).toEqual([
      // Thursday from 09:30 local: 08:00 and 09:00 start too early; Sam is booked at 10:00.
      '2025-06-05T14:00:00.000Z prov-ruiz',
      '2025-06-05T15:00:00.000Z prov-park',
      '2025-06-05T15:00:00.000Z prov-ruiz',
      '2025-06-05T16:00:00.000Z prov-park',
      '2025-06-05T16:00:00.000Z prov-ruiz',
      '2025-06-05T17:00:00.000Z prov-park',
      '2025-06-05T17:00:00.000Z prov-ruiz',
      '2025-06-05T18:00:00.000Z prov-park',
      '2025-06-05T18:00:00.000Z prov-ruiz',
      '2025-06-05T19:00:00.000Z prov-park',
      '2025-06-05T19:00:00.000Z prov-ruiz',
      '2025-06-05T20:00:00.000Z prov-park',
      '2025-06-05T20:00:00.000Z prov-ruiz',
      // Friday the practice closes at noon: CrownDesk's afternoon is not offered. Ana is fully booked.
      '2025-06-06T12:00:00.000Z prov-park',
      '2025-06-06T13:00:00.000Z prov-park',
      '2025-06-06T14:00:00.000Z prov-park',
      '2025-06-06T15:00:00.000Z prov-park',
    ]);
  });

  it("asks the dentist for a dentist's type with its duration, and holds a UTC server's day to the practice's hours", async () => {
    // A server in UTC gives 08:00-17:00 UTC: 04:00-13:00 in New York. Only what the practice is open for stays.
    backend.on('POST', SLOTS, () => json(daySlots('Dr. Lee', '2025-06-02T08:00:00.000Z', 18, 30)));
    const { backend: scheduling } = testScheduling();

    const slots = await scheduling.openSlots(maple, {
      appointmentType: exam,
      from: '2025-06-02T11:00:00.000Z',
      to: '2025-06-03T04:00:00.000Z',
    });

    expect(backend.seen.map(bodyOf)).toEqual([{ provider: 'Dr. Lee', date: '2025-06-02T16:00:00.000Z', duration: 30 }]);
    expect(slots).toHaveLength(10);
    expect(slots[0]).toMatchObject({ typeCode: 'exam', providerId: 'prov-lee', start: '2025-06-02T12:00:00.000Z' });
    expect(slots.at(-1)).toMatchObject({ start: '2025-06-02T16:30:00.000Z', end: '2025-06-02T17:00:00.000Z' });
  });

  it('does not ask about closed weekdays or closures', async () => {
    backend.on('POST', SLOTS, (seen) => json(daySlots(bodyOf(seen).provider, '2025-07-03T12:00:00.000Z', 9, 60)));
    const { backend: scheduling } = testScheduling();

    // Thursday July 3, then the July 4 closure (a Friday) and a Saturday.
    const slots = await scheduling.openSlots(maple, {
      appointmentType: cleaning,
      from: '2025-07-03T12:00:00.000Z',
      to: '2025-07-06T04:00:00.000Z',
    });

    expect(sortedBodies(backend.seen).map((body) => `${body.provider} ${body.date}`)).toEqual([
      'Ana Ruiz 2025-07-03T16:00:00.000Z',
      'Sam Park 2025-07-03T16:00:00.000Z',
    ]);
    expect(slots).toHaveLength(18);
  });

  it('returns no slots, without a request, when nothing is open or no provider does the type', async () => {
    const { backend: scheduling } = testScheduling();
    const weekend = { appointmentType: cleaning, from: '2025-06-07T04:00:00.000Z', to: '2025-06-09T04:00:00.000Z' };
    const noHygienists = { ...maple, providers: maple.providers.filter((provider) => provider.kind === 'dentist') };

    await expect(scheduling.openSlots(maple, weekend)).resolves.toEqual([]);
    await expect(
      scheduling.openSlots(noHygienists, { ...weekend, from: '2025-06-02T12:00:00.000Z', to: '2025-06-03T04:00:00.000Z' }),
    ).resolves.toEqual([]);
    expect(backend.seen).toEqual([]);
  });

  it('offers the slots it could get when some searches fail, and says so in the log', async () => {
    backend.on('POST', SLOTS, (seen) =>
      bodyOf(seen).provider === 'Sam Park'
        ? nestError(503, 'Service Unavailable', 'Service Unavailable')
        : json(daySlots('Ana Ruiz', '2025-06-02T12:00:00.000Z', 9, 60)),
    );
    const { backend: scheduling, logger } = testScheduling();

    const slots = await scheduling.openSlots(maple, {
      appointmentType: cleaning,
      from: '2025-06-02T12:00:00.000Z',
      to: '2025-06-03T04:00:00.000Z',
    });

    expect(slots).toHaveLength(9);
    expect(slots.every((slot) => slot.providerId === 'prov-ruiz')).toBe(true);
    expect(backend.seen.filter((seen) => bodyOf(seen).provider === 'Sam Park')).toHaveLength(2);
    expect(logger.at('warn').at(-1)).toEqual({
      level: 'warn',
      fields: { practiceId: 'practice-maple', failedSearches: 1, searches: 2 },
      message: 'Some CrownDesk slot searches failed; offering the rest',
    });
  });

  it('fails with the backend error when every search fails', async () => {
    backend.on('POST', SLOTS, () => nestError(500, 'Internal server error', 'Internal Server Error'));
    const { backend: scheduling } = testScheduling();

    await expect(
      scheduling.openSlots(maple, { appointmentType: cleaning, from: '2025-06-02T12:00:00.000Z', to: '2025-06-03T04:00:00.000Z' }),
    ).rejects.toBeInstanceOf(BackendUnavailableError);
  });
});
