import { ConfigError, parseConfig } from '../../src/config';

/** The ConfigError that `parseConfig` throws for `environment`; fails when it throws something else or nothing. */
export function configError(environment: Record<string, string | undefined>): ConfigError {
  try {
    parseConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
