import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when the presented secret equals the expected one, in time independent of where they differ and of
 * their lengths: both are hashed to equal-length digests before `timingSafeEqual`.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
