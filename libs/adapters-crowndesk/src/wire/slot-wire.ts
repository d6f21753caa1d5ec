import { z } from 'zod';
import { isoInstant } from './instant';

/** `getAvailableSlots` answers every step of the provider's day, free or not: a bare array. */
export const timeSlotWire = z.object({
  startTime: isoInstant,
  endTime: isoInstant,
  available: z.boolean(),
  provider: z.string().optional(),
});

export const timeSlotsWire = z.array(timeSlotWire);
