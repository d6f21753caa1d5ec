import { z } from 'zod';
import { databaseUrlSchema } from '@crowndesk/adapters-postgres';
import { resolveBackend, type DurableState } from './features/backend/backend-settings';
import { resolveTwilioVoice, type TwilioVoicePath } from './features/voice-agent/twilio-voice-settings';

/**
 * The gateway's configuration: the process environment, validated once at startup.
 * Values are never echoed in errors (several are secrets); the variable's name and the rule are.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `FOO=` in a .env file or a deploy dashboard means "not set", never "the empty value". */
function unsetIfEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema);
}

const integer = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `expected a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));

const secret = unsetIfEmpty(z.string().trim().min(1).optional());
const httpUrl = unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional());
/** A secret a vendor presents to us (header key, HMAC key): long enough that guessing is hopeless. */
const sharedSecret = unsetIfEmpty(z.string().trim().min(16, 'expected at least 16 characters').optional());
const fraction = unsetIfEmpty(
  z.string().trim().regex(/^(0?\.\d+|0|1|1\.0+)$/, 'expected a number between 0 and 1').transform(Number).optional(),
);

const environmentSchema = z.object({
  PORT: unsetIfEmpty(integer(0, 65_535).default(8080)),
  HOST: unsetIfEmpty(z.string().trim().min(1).default('0.0.0.0')),
  DATA_DIR: unsetIfEmpty(z.string().trim().min(1).default('./data')),
  LOG_LEVEL: unsetIfEmpty(z.enum(LOG_LEVELS, `expected one of ${LOG_LEVELS.join(', ')}`).default('info')),
  NODE_ENV: unsetIfEmpty(z.enum(['development', 'test', 'production']).default('production')),
  OPENAI_API_KEY: secret,
  OPENAI_BASE_URL: httpUrl,
  OPENAI_MODEL: unsetIfEmpty(z.string().trim().min(1).max(100).optional()),
  RETELL_API_KEY: secret,
  BACKEND_URL: httpUrl,
  BACKEND_API_KEY: secret,
  BACKEND_TENANT_ID: unsetIfEmpty(
    z.string().trim().max(128).regex(/^[A-Za-z0-9_-]+$/, 'expected the CrownDesk tenant id (letters, digits, _ and -)').optional(),
  ),
  BACKEND_API_PREFIX: unsetIfEmpty(
    z.string().trim().regex(/^(\/[A-Za-z0-9._-]+)+$/, 'expected a path such as /api or /api/v1').default('/api'),
  ),
  // A live phone turn waits on it: the caller hears silence meanwhile.
  BACKEND_TIMEOUT_MS: unsetIfEmpty(integer(100, 30_000).default(2_500)),
  DATABASE_URL: unsetIfEmpty(databaseUrlSchema.optional()),
  OUTBOX_LEASE_MS: unsetIfEmpty(integer(2_000, 600_000).default(60_000)),
  ELEVENLABS_API_KEY: secret,
  ELEVENLABS_VOICE_ID: unsetIfEmpty(
    z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'expected letters, digits, _ and -').optional(),
  ),
  ELEVENLABS_MODEL_ID: unsetIfEmpty(z.string().trim().min(1).max(100).optional()),
  ELEVENLABS_STABILITY: fraction,
  ELEVENLABS_SIMILARITY_BOOST: fraction,
  ELEVENLABS_BASE_URL: httpUrl,
  ELEVENLABS_TOOL_API_KEY: sharedSecret,
  ELEVENLABS_CALLBACK_API_KEY: sharedSecret,
  ELEVENLABS_WEBHOOK_SECRET: sharedSecret,
  TWILIO_AUTH_TOKEN: secret,
  TWILIO_ACCOUNT_SID: unsetIfEmpty(z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits').optional()),
  PUBLIC_BASE_URL: httpUrl,
  VOICE_STREAM_SECRET: unsetIfEmpty(z.string().trim().min(32, 'expected at least 32 characters').optional()),
  // Fly's kill_timeout tops out at 300 s: a longer grace could never be honoured.
  SHUTDOWN_GRACE_MS: unsetIfEmpty(integer(0, 300_000).default(20_000)),
});

export type GatewayEnvironment = z.infer<typeof environmentSchema>;

export interface GatewayConfig extends GatewayEnvironment {
  /** Patients and the schedule live in the embedded SQLite database under DATA_DIR. */
  embeddedMode: boolean;
  /** Where the outbox to the CrownDesk backend lives (see features/backend/backend-settings.ts). */
  durableState: DurableState;
  /** Which LanguageModel adapter the container binds. */
  languageModel: 'openai' | 'builtin';
  /** The Twilio phone path: off, or which speech path answers its calls (see twilio-voice-settings.ts). */
  twilioVoice: TwilioVoicePath;
}

export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }

  get variables(): string[] {
    return this.issues.map((issue) => issue.variable);
  }
}

export function parseConfig(environment: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), message: issue.message })),
    );
  }
  const values = parsed.data;
  const embeddedMode = values.BACKEND_URL === undefined;
  const backend = resolveBackend(values);
  const voice = resolveTwilioVoice(values, embeddedMode);
  const issues = [...backend.issues, ...voice.issues];
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    ...values,
    embeddedMode,
    durableState: backend.durableState,
    languageModel: values.OPENAI_API_KEY !== undefined ? 'openai' : 'builtin',
    twilioVoice: voice.twilioVoice,
  };
}
