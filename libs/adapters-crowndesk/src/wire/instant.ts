import { z } from 'zod';

/** A date-time the backend serialises from a JS Date; normalised to the domain's UTC ISO form (with Z). */
export const isoInstant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO date-time')
  .transform((value) => new Date(value).toISOString());

/** A Postgres DATE serialised as midnight UTC ("1985-03-02T00:00:00.000Z"): the calendar date is its prefix. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date')
  .transform((value) => value.slice(0, 10));
