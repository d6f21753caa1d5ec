import type { BackendCallOptions, OpenSlotQuery, Practice, Provider, Slot } from '@crowndesk/domain';
import type { SchedulingContext } from './context';
import { startsFreedByMove } from './freed-by-move';
import type { HeldTime } from './known-appointments';
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
 *
 * The appointment being moved (`excludeAppointmentId`) still blocks its own time in CrownDesk's answer; when
 * this backend has seen it recently, the starts it alone blocks are added back (see `startsFreedByMove`).
 * The caller's signal aborts the searches in flight, and no further one starts.
 */
export async function findOpenSlots(
  context: SchedulingContext,
  practice: Practice,
  query: OpenSlotQuery,
  options: BackendCallOptions = {},
): Promise<Slot[]> {
  const { signal } = options;
  signal?.throwIfAborted();
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
  const moved = movedAppointment(context, practice, query);

  const results = await settleWithLimit(searches, context.slotConcurrency, (search) => {
    signal?.throwIfAborted();
    const body = {
      provider: context.vocabulary.nameOf(search.provider),
      date: new Date(instantOf(search.date, NOON, practice.timeZone)).toISOString(),
      duration: type.durationMinutes,
    };
    return context.routes.availableSlots(practice, body, signal);
  });
  // Given up on: no partial answer, and no warning about searches that were merely stopped.
  signal?.throwIfAborted();
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
  const offer = (provider: Provider, startMs: number, endMs: number) =>
    slots.set(`${startMs}|${provider.id}`, {
      typeCode: type.code,
      providerId: provider.id,
      operatoryId,
      start: new Date(startMs).toISOString(),
      end: new Date(endMs).toISOString(),
    });
  results.forEach((result, index) => {
    if (result.status !== 'fulfilled') return;
    const { provider, date } = searches[index] as SlotSearch;
    for (const wire of result.value) {
      const startMs = Date.parse(wire.startTime);
      const endMs = Date.parse(wire.endTime);
      if (!wire.available || startMs < fromMs || startMs >= toMs || endMs <= startMs) continue;
      if (!withinOpeningHours(practice, startMs, endMs)) continue;
      offer(provider, startMs, endMs);
    }
    if (moved?.providerId !== provider.id) return;
    for (const freed of startsFreedByMove({ practice, type, date, moved, answer: result.value, fromMs, toMs })) {
      offer(provider, freed.startMs, freed.endMs);
    }
  });
  const rank = new Map(providers.map((provider, index) => [provider.id, index]));
  return [...slots.values()].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start) || (rank.get(a.providerId) ?? 0) - (rank.get(b.providerId) ?? 0),
  );
}

/** The time held by the appointment the query ignores, when this backend has seen it recently. */
function movedAppointment(context: SchedulingContext, practice: Practice, query: OpenSlotQuery): HeldTime | undefined {
  const appointmentId = query.excludeAppointmentId;
  if (appointmentId === undefined) return undefined;
  const held = context.known.heldTimeOf(practice.id, appointmentId);
  if (!held) {
    context.logger.info(
      { practiceId: practice.id, appointmentId },
      'Appointment to ignore in the slot search was not seen recently: its time still counts as busy',
    );
  }
  return held;
}
