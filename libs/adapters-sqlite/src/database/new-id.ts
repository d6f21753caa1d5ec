import { randomUUID } from 'node:crypto';

/** Opaque, collision-free row ids with a readable prefix ("apt_…", "pat_…") so logs say what an id names. */
export function newId(prefix: 'apt' | 'pat'): string {
  return `${prefix}_${randomUUID()}`;
}
