import { randomBytes } from 'node:crypto';
import type { Logger } from '@crowndesk/domain';

/**
 * The key of the media-stream tokens. The incoming-call webhook signs a token and the media stream checks
 * it, possibly on another instance, so every instance needs the same VOICE_STREAM_SECRET. Only the
 * embedded single-instance setup may run without one: it gets a random key for the life of the process.
 */
export function streamTokenSecret(configured: string | undefined, logger: Logger): string {
  if (configured !== undefined) return configured;
  logger.warn(
    { variable: 'VOICE_STREAM_SECRET' },
    'VOICE_STREAM_SECRET is not set: using a random per-process secret; with several instances (or a restart between ' +
      'the incoming-call webhook and its media stream) streams are refused, so set a shared secret of 32+ characters',
  );
  return randomBytes(32).toString('base64url');
}
