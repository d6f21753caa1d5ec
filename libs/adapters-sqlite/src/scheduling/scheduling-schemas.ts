import { z } from 'zod';
import { toUtcInstant } from '../database/utc-instant';

/**
 * What the scheduling backend accepts from the domain, validated at this edge. Instants are normalised to the
 * stored canonical form, so "…T15:00:00Z" and "…T10:00:00-05:00" compare equal to what is in the database.
 */

const id = z.string().trim().min(1).max(200);
const idempotencyKey = z.string().min(1).max(500);
const instant = z.iso.datetime({ offset: true }).transform((value) => toUtcInstant(value));

export const slotSchema = z
  .object({ typeCode: id, providerId: id, operatoryId: id, start: instant, end: instant })
  .refine((slot) => slot.end > slot.start, 'a slot must end after it starts');

export const bookingRequestSchema = z.object({ patientId: id, slot: slotSchema, idempotencyKey });

export const rescheduleRequestSchema = z.object({ appointmentId: id, patientId: id, newSlot: slotSchema, idempotencyKey });

export const cancelRequestSchema = z.object({ appointmentId: id, patientId: id, idempotencyKey });

export const openSlotQuerySchema = z.object({ from: instant, to: instant, excludeAppointmentId: id.optional() });

export const newPatientSchema = z.object({
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  dateOfBirth: z.iso.date(),
  phone: z.e164().optional(),
});

export const registrationKeySchema = idempotencyKey;

export const dateOfBirthSchema = z.iso.date();

const appointmentSchema = z.object({
  id: z.string(),
  practiceId: z.string(),
  patientId: z.string(),
  typeCode: z.string(),
  providerId: z.string(),
  operatoryId: z.string(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['scheduled', 'confirmed', 'cancelled', 'rescheduled']),
});

/** Stored results of reschedules and cancels (read back on a retry). */
export const storedRescheduleSchema = z.object({
  status: z.literal('rescheduled'),
  previous: appointmentSchema,
  appointment: appointmentSchema,
});
export const storedCancelSchema = z.object({ status: z.literal('cancelled'), appointment: appointmentSchema });
