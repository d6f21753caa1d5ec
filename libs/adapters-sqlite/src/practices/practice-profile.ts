import { z } from 'zod';
import type { Practice } from '@crowndesk/domain';

/**
 * The `practices.profile` JSON column: everything about a Practice beyond its id, name and zone.
 * Validated whenever it is read, so a hand-edited or older row fails loudly instead of misbehaving mid-call.
 */

const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:mm');
const openingPeriod = z
  .object({ opens: wallTime, closes: wallTime })
  .refine((period) => period.opens < period.closes, 'a period must close after it opens');
const providerKind = z.enum(['dentist', 'hygienist']);

export const practiceProfileSchema = z.object({
  weeklyHours: z.partialRecord(
    z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
    z.array(openingPeriod),
  ),
  closures: z.array(z.object({ date: z.iso.date(), reason: z.string() })),
  providers: z.array(z.object({ id: z.string().min(1), name: z.string().min(1), kind: providerKind })),
  operatories: z.array(z.object({ id: z.string().min(1), name: z.string().min(1) })),
  appointmentTypes: z.array(
    z.object({
      code: z.string().min(1),
      name: z.string().min(1),
      durationMinutes: z.number().int().positive(),
      providerKind,
    }),
  ),
  onCallNumber: z.e164(),
  transferTargets: z.array(z.object({ label: z.string().min(1), number: z.e164() })),
  greeting: z.string().min(1),
  address: z.string(),
  facts: z.record(z.string(), z.string()),
  bookingPolicy: z.object({
    minimumNoticeMinutes: z.number().int().nonnegative(),
    maximumDaysAhead: z.number().int().positive(),
    slotGranularityMinutes: z.number().int().positive(),
  }),
});

export type PracticeProfile = z.infer<typeof practiceProfileSchema>;

export interface PracticeRow {
  id: string;
  name: string;
  time_zone: string;
  profile: string;
}

export function practiceFromRow(row: PracticeRow): Practice {
  let json: unknown;
  try {
    json = JSON.parse(row.profile);
  } catch (error) {
    throw new Error(`Practice ${row.id} has a profile that is not JSON`, { cause: error });
  }
  const parsed = practiceProfileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Practice ${row.id} has an invalid profile: ${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  }
  return { id: row.id, name: row.name, timeZone: row.time_zone, ...parsed.data };
}

/** The profile JSON of a Practice (validated, so nothing invalid is ever written). */
export function profileOf(practice: Practice): string {
  const { id: _id, name: _name, timeZone: _timeZone, ...profile } = practice;
  return JSON.stringify(practiceProfileSchema.parse(profile));
}
