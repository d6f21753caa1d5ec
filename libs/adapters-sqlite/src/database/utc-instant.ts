/**
 * Every instant is stored as `YYYY-MM-DDTHH:mm:ss.sssZ` (what Date#toISOString produces): one fixed-width
 * format, so SQL string comparison orders instants correctly and range queries can use plain indexes.
 */
export type UtcInstant = string & { readonly __brand: 'UtcInstant' };

const MS_PER_MINUTE = 60_000;

/** Canonical UTC form of any ISO-8601 instant (with Z or an offset); throws on anything that is not an instant. */
export function toUtcInstant(value: string | Date): UtcInstant {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Not a valid instant: ${typeof value === 'string' ? JSON.stringify(value) : 'Invalid Date'}`);
  }
  return date.toISOString() as UtcInstant;
}

export function addMinutes(instant: UtcInstant, minutes: number): UtcInstant {
  return toUtcInstant(new Date(Date.parse(instant) + minutes * MS_PER_MINUTE));
}
