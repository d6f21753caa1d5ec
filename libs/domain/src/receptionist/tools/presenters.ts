import type { Appointment, Practice, Slot } from '../../model';
import { spokenDateTime, zoneClock } from '../../scheduling';
import type { OfferedSlot, ShownAppointment } from '../tool-contract';

/** A slot as the model sees it: local start, who with, and the words to say it. */
export function offeredSlot(practice: Practice, slot: Slot): OfferedSlot {
  const provider = providerName(practice, slot.providerId);
  return {
    start: zoneClock(practice.timeZone).localDateTimeOf(new Date(slot.start)),
    spoken: `${spokenDateTime(new Date(slot.start), practice.timeZone)} with ${provider}`,
    provider,
  };
}

/** An appointment shown to the verified caller, under its opaque ref; never its ids. */
export function shownAppointment(practice: Practice, ref: string, appointment: Appointment): ShownAppointment {
  return {
    ref,
    type: appointment.typeCode,
    start: zoneClock(practice.timeZone).localDateTimeOf(new Date(appointment.start)),
    spoken: `${spokenDateTime(new Date(appointment.start), practice.timeZone)} with ${providerName(practice, appointment.providerId)}`,
    status: appointment.status,
  };
}

/**
 * A booking queued while the practice's system was unavailable, as the model sees it: the time the caller
 * agreed to, to be confirmed by the office. No ref (there is no appointment to change yet) and no provider
 * (the office may give it to another one).
 */
export function pendingAppointment(practice: Practice, slot: Slot): ShownAppointment {
  return {
    ref: '',
    type: slot.typeCode,
    start: zoneClock(practice.timeZone).localDateTimeOf(new Date(slot.start)),
    spoken: spokenDateTime(new Date(slot.start), practice.timeZone),
    status: 'pending_confirmation',
  };
}

function providerName(practice: Practice, providerId: string): string {
  return practice.providers.find((provider) => provider.id === providerId)?.name ?? 'our team';
}
