import type { Practice } from '@crowndesk/domain';

/**
 * Refuses a slot that cannot belong to this practice: an unknown appointment type, provider or operatory, or a
 * provider of the wrong kind for the type. Slots come from openSlots, so this is a programming error (thrown),
 * not a scheduling outcome; it keeps a confused caller from writing nonsense into the system of record.
 */
export function assertSlotFitsPractice(
  practice: Practice,
  slot: { providerId: string; operatoryId: string },
  typeCode: string,
): void {
  const type = practice.appointmentTypes.find((candidate) => candidate.code === typeCode);
  if (!type) throw new Error(`Practice ${practice.id} has no appointment type "${typeCode}"`);
  const provider = practice.providers.find((candidate) => candidate.id === slot.providerId);
  if (!provider) throw new Error(`Practice ${practice.id} has no provider "${slot.providerId}"`);
  if (provider.kind !== type.providerKind) {
    throw new Error(`Provider ${provider.id} is a ${provider.kind}, but "${type.code}" needs a ${type.providerKind}`);
  }
  if (!practice.operatories.some((candidate) => candidate.id === slot.operatoryId)) {
    throw new Error(`Practice ${practice.id} has no operatory "${slot.operatoryId}"`);
  }
}
