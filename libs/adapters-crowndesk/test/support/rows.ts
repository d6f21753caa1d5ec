/**
 * Response bodies shaped like CrownDesk's (Prisma rows serialised by NestJS), including the PHI the real
 * backend embeds, so tests show the adapter drops what it does not need.
 */

export interface AppointmentRowInput {
  id: string;
  patientId?: string;
  provider?: string;
  providerId?: string | null;
  operatory?: string | null;
  operatoryId?: string | null;
  startTime: string;
  endTime: string;
  appointmentType?: string;
  status?: string;
  notes?: string | null;
}

export function appointmentRow(input: AppointmentRowInput) {
  const durationMs = Date.parse(input.endTime) - Date.parse(input.startTime);
  return {
    id: input.id,
    tenantId: 'tenant-maple',
    patientId: input.patientId ?? 'pat-1',
    providerId: input.providerId ?? null,
    operatoryId: input.operatoryId ?? null,
    pmsAppointmentId: null,
    provider: input.provider ?? 'Sam Park',
    operatory: input.operatory ?? null,
    startTime: input.startTime,
    endTime: input.endTime,
    duration: durationMs / 60_000,
    appointmentType: input.appointmentType ?? 'hygiene',
    status: input.status ?? 'scheduled',
    chiefComplaint: null,
    notes: input.notes ?? null,
    procedureCodes: [],
    confirmedAt: null,
    remindersSent: 0,
    createdAt: '2025-05-20T15:00:00.000Z',
    updatedAt: '2025-05-20T15:00:00.000Z',
    patient: { id: input.patientId ?? 'pat-1', firstName: 'Maria', lastName: 'Lopez', phone: '+15551230001' },
    providerRef: null,
    operatoryRef: null,
  };
}

/** `findByTenant`'s page: newest start first. */
export function appointmentPage(rows: ReturnType<typeof appointmentRow>[]) {
  const data = [...rows].sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
  return { data, total: data.length, limit: 100, offset: 0 };
}

export function patientRow(input: { id: string; firstName: string; lastName: string; dob: string; phone?: string | null }) {
  return {
    id: input.id,
    firstName: input.firstName,
    lastName: input.lastName,
    dob: `${input.dob}T00:00:00.000Z`,
    phone: input.phone ?? null,
    email: `${input.firstName.toLowerCase()}@example.com`,
  };
}

/**
 * `getAvailableSlots`: every step of `count` slots of `minutes` from `firstStart`, each free unless its
 * start is listed in `taken`.
 */
export function daySlots(provider: string, firstStart: string, count: number, minutes: number, taken: string[] = []) {
  return Array.from({ length: count }, (_, index) => {
    const start = new Date(Date.parse(firstStart) + index * minutes * 60_000);
    const end = new Date(start.getTime() + minutes * 60_000);
    return {
      startTime: start.toISOString(),
      endTime: end.toISOString(),
      available: !taken.includes(start.toISOString()),
      provider,
    };
  });
}
