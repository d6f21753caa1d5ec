import type { OpenSlotQuery, Practice, Provider, Slot } from '@crowndesk/domain';
import type { SchedulingContext } from './context';
import { instantOf, isOpenOn, localDatesCovering, withinOpeningHours } from './practice-calendar';
import { settleWithLimit } from './settle-with-limit';
import { defaultOperatoryId } from './vocabulary';

const NOON = 12 * 60;

interface SlotSearch {
  date: string;
  provider: Provider;
}

/**
 * Open slots from CrownDesk, one search per provider of the type's kind and open day of the practice.
 *
 * The `date` sent is the instant of local noon on that practice day: the backend builds its day with
 * `setHours` in its own zone, and noon lands on the intended calendar day whether the server runs in UTC or
 * in the practice's zone (a bare "YYYY-MM-DD" parses as UTC midnight, the previous day west of Greenwich).
 * What comes back is then held to the practice's own opening hours and closures and to [from, to).
 * CrownDesk has no operatory in its slots: every slot carries the practice's first operatory.
 */
export async function findOpenSlots(context: SchedulingContext, practice: Practice, query: OpenSlotQuery): Promise<Slot[]> {
  const fromMs = Date.parse(query.from);
  const toMs = Date.parse(query.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new Error('openSlots needs ISO instants for from and to');
  const type = query.appointmentType;
  const providers = practice.providers.filter((provider) => provider.kind === type.providerKind);
  const days = localDatesCovering(fromMs, toMs, practice.timeZone, context.maxSlotDays).filter((date) =>
    isOpenOn(practice, date),
  );
  const searches: SlotSearch[] = days.flatMap((date) => providers.map((provider) => ({ date, provider })));
  if (searches.length === 0) return [];
  const operatoryId = defaultOperatoryId(practice);

  const results = await settleWithLimit(searches, context.slotConcurrency, (search) =>
    context.routes.availableSlots(practice, {
      provider: context.vocabulary.nameOf(search.provider),
      date: new Date(instantOf(search.date, NOON, practice.timeZone)).toISOString(),
      duration: type.durationMinutes,
    }),
  );
  const failures = results.filter((result) => result.status === 'rejected');
  if (failures.length === results.length) throw (failures[0] as PromiseRejectedResult).reason;
  if (failures.length > 0) {
    // Every slot we do return is genuinely free; the booking re-checks anyway.
    context.logger.warn(
      { practiceId: practice.id, failedSearches: failures.length, searches: results.length },
      'Some CrownDesk slot searches failed; offering the rest',
    );
  }

  const slots = new Map<string, Slot>();
  results.forEach((result, index) => {
    if (result.status !== 'fulfilled') return;
    const { provider } = searches[index] as SlotSearch;
    for (const wire of result.value) {
      const startMs = Date.parse(wire.startTime);
      const endMs = Date.parse(wire.endTime);
      if (!wire.available || startMs < fromMs || startMs >= toMs || endMs <= startMs) continue;
      if (!withinOpeningHours(practice, startMs, endMs)) continue;
      slots.set(`${wire.startTime}|${provider.id}`, {
        typeCode: type.code,
        providerId: provider.id,
        operatoryId,
        start: wire.startTime,
        end: wire.endTime,
      });
    }
  });
  const rank = new Map(providers.map((provider, index) => [provider.id, index]));
  return [...slots.values()].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start) || (rank.get(a.providerId) ?? 0) - (rank.get(b.providerId) ?? 0),
  );
}
