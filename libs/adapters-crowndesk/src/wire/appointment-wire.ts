import { z } from 'zod';
import { isoInstant } from './instant';

/** Prisma enum `AppointmentStatus` (prisma/schema.prisma). */
export const BACKEND_APPOINTMENT_STATUSES = [
  'scheduled',
  'confirmed',
  'checked_in',
  'in_progress',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type BackendAppointmentStatus = (typeof BACKEND_APPOINTMENT_STATUSES)[number];

/** Prisma enum `AppointmentType`: the only values the database accepts (others fail as a 500). */
export const BACKEND_APPOINTMENT_TYPES = [
  'new_patient',
  'recall',
  'treatment',
  'emergency',
  'consultation',
  'follow_up',
  'hygiene',
  'periodontal',
  'restorative',
  'endodontic',
  'oral_surgery',
  'orthodontic',
] as const;
export type BackendAppointmentType = (typeof BACKEND_APPOINTMENT_TYPES)[number];

/**
 * The fields of the backend's `Appointment` row that we use. The row also embeds the patient (PHI):
 * zod drops unknown keys, so it never travels past this parse.
 */
export const appointmentWire = z.object({
  id: z.string().min(1),
  patientId: z.string().min(1),
  providerId: z.string().nullish(),
  provider: z.string(),
  operatoryId: z.string().nullish(),
  operatory: z.string().nullish(),
  startTime: isoInstant,
  endTime: isoInstant,
  appointmentType: z.string().min(1),
  status: z.enum(BACKEND_APPOINTMENT_STATUSES),
});
export type AppointmentWire = z.output<typeof appointmentWire>;

/** `POST /ai-agent/patients/appointments` answers `findByTenant`: a page, newest start first. */
export const appointmentPageWire = z.object({
  data: z.array(appointmentWire),
  total: z.number().int().nonnegative(),
});
