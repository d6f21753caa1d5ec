import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Logger } from '@crowndesk/domain';
import type { GatewayConfig } from './config';

/**
 * Structured JSON logs on stdout, with PHI redacted as a safety net. Callers already log only ids and codes;
 * redaction catches the mistake of passing a patient, a transcript or tool arguments into a log line.
 */

/** Keys that hold PHI in our model, in the vendors' payloads (snake_case) and in the domain (camelCase). */
export const PHI_KEYS = [
  'name',
  'fullName',
  'full_name',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'dateOfBirth',
  'date_of_birth',
  'dob',
  'phone',
  'phoneNumber',
  'phone_number',
  'from_number',
  'callerNumber',
  'caller_number',
  'email',
  'transcript',
  'transcript_with_tool_calls',
  'text',
  'content',
  'speech',
  'arguments',
] as const;

/** Redaction is by path: cover each key at the top level and up to three levels down (objects and arrays). */
export const REDACTED_PATHS: string[] = PHI_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

export const REDACTION_CENSOR = '[redacted]';

export interface LoggerOptions {
  level: GatewayConfig['LOG_LEVEL'];
  /** Where lines go; stdout when omitted (tests pass a capturing stream). */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): PinoLogger {
  return pino(
    {
      level: options.level,
      base: { service: 'crowndesk-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Domain code reports failures under `error`; pino only serializes `err` by default.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/** The domain's Logger port, backed by pino (so redaction applies to library code too). */
export function asDomainLogger(logger: PinoLogger): Logger {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}
