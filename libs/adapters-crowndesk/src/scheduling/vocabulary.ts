import type { Practice, Provider } from '@crowndesk/domain';
import type { BackendAppointmentType } from '../wire/appointment-wire';
import { BACKEND_APPOINTMENT_TYPES } from '../wire/appointment-wire';

/**
 * Our type codes that are not CrownDesk enum values. `cleaning` and `exam` (the codes the receptionist
 * uses) do not exist in the backend's Prisma enum, and an unknown value fails there as a 500.
 */
export const DEFAULT_APPOINTMENT_TYPE_MAP: Readonly<Record<string, BackendAppointmentType>> = {
  cleaning: 'hygiene',
  exam: 'recall',
};

export interface VocabularyOptions {
  /** Our type code -> CrownDesk appointmentType, over DEFAULT_APPOINTMENT_TYPE_MAP; codes equal to an enum value map to themselves. */
  appointmentTypes?: Record<string, BackendAppointmentType>;
  /**
   * The provider string CrownDesk knows this provider by. The AI-agent routes identify providers by the
   * appointment's legacy `provider` name (slot search and conflict checks compare it exactly): by default
   * the practice's provider name, which must therefore be spelled as in CrownDesk.
   */
  providerName?: (provider: Provider) => string;
}

const BACKEND_TYPES = new Set<string>(BACKEND_APPOINTMENT_TYPES);

/** Translates between the practice's words (type codes, provider ids, operatory ids) and CrownDesk's. */
export class BackendVocabulary {
  private readonly typeMap: Readonly<Record<string, BackendAppointmentType>>;
  private readonly providerName: (provider: Provider) => string;

  constructor(options: VocabularyOptions = {}) {
    this.typeMap = { ...DEFAULT_APPOINTMENT_TYPE_MAP, ...options.appointmentTypes };
    this.providerName = options.providerName ?? ((provider) => provider.name);
  }

  backendTypeOf(typeCode: string): BackendAppointmentType {
    const mapped = this.typeMap[typeCode];
    if (mapped) return mapped;
    if (BACKEND_TYPES.has(typeCode)) return typeCode as BackendAppointmentType;
    throw new Error(`No CrownDesk appointment type for code "${typeCode}": add it to the appointmentTypes option`);
  }

  /** The practice's first type code that maps to this backend type; the backend value itself otherwise. */
  typeCodeOf(practice: Practice, backendType: string): string {
    const match = practice.appointmentTypes.find((type) => this.safeBackendTypeOf(type.code) === backendType);
    return match?.code ?? backendType;
  }

  backendProviderOf(practice: Practice, providerId: string): string {
    const provider = practice.providers.find((candidate) => candidate.id === providerId);
    if (!provider) throw new Error(`Provider ${providerId} is not a provider of practice ${practice.id}`);
    return this.providerName(provider);
  }

  nameOf(provider: Provider): string {
    return this.providerName(provider);
  }

  /** Our provider id for a backend appointment: by its provider relation id, else by its provider name. */
  providerIdOf(practice: Practice, wire: { providerId?: string | null; provider: string }): string {
    const match =
      practice.providers.find((provider) => wire.providerId != null && provider.id === wire.providerId) ??
      practice.providers.find((provider) => sameName(this.providerName(provider), wire.provider));
    return match?.id ?? wire.providerId ?? wire.provider;
  }

  /**
   * Our operatory id for a backend appointment. The AI-agent routes neither take nor set an operatory, so
   * most rows have none: those read as `fallback`, by default the practice's first operatory.
   */
  operatoryIdOf(
    practice: Practice,
    wire: { operatoryId?: string | null; operatory?: string | null },
    fallback?: string,
  ): string {
    const match =
      practice.operatories.find((operatory) => wire.operatoryId != null && operatory.id === wire.operatoryId) ??
      practice.operatories.find((operatory) => wire.operatory != null && sameName(operatory.name, wire.operatory));
    return match?.id ?? fallback ?? defaultOperatoryId(practice);
  }

  private safeBackendTypeOf(typeCode: string): string | undefined {
    return this.typeMap[typeCode] ?? (BACKEND_TYPES.has(typeCode) ? typeCode : undefined);
  }
}

/** The operatory we report for CrownDesk slots and appointments, which have none. */
export function defaultOperatoryId(practice: Practice): string {
  const first = practice.operatories[0];
  if (!first) throw new Error(`Practice ${practice.id} has no operatory configured`);
  return first.id;
}

function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
