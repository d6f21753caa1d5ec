import type { Slot } from '@crowndesk/domain';
import { DEMO_DENTIST_ID, DEMO_HYGIENIST_ID } from '../../src';

/** Tuesday 2026-06-09 in New York, a week after the fixture's clock: well inside the booking window. */
export const TUESDAY = '2026-06-09';

/** The UTC instant of a New York wall-clock time on a June 2026 date (EDT = UTC-4 all month). */
export function juneAt(date: string, localTime: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = localTime.split(':').map(Number) as [number, number];
  if (month !== 6) throw new Error('juneAt only knows the EDT offset of June');
  return new Date(Date.UTC(year, month - 1, day, hours + 4, minutes)).toISOString();
}

export function tuesdayAt(localTime: string): string {
  return juneAt(TUESDAY, localTime);
}

function plusMinutes(instant: string, minutes: number): string {
  return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** A 60-minute cleaning with the hygienist, starting at a local time (on TUESDAY unless told). */
export function cleaningSlot(localTime: string, operatoryId = 'op-1', date = TUESDAY): Slot {
  const start = juneAt(date, localTime);
  return { typeCode: 'cleaning', providerId: DEMO_HYGIENIST_ID, operatoryId, start, end: plusMinutes(start, 60) };
}

/** A 30-minute exam with the dentist, starting at a local time (on TUESDAY unless told). */
export function examSlot(localTime: string, operatoryId = 'op-2', date = TUESDAY): Slot {
  const start = juneAt(date, localTime);
  return { typeCode: 'exam', providerId: DEMO_DENTIST_ID, operatoryId, start, end: plusMinutes(start, 30) };
}
