import type { ConfigIssue, GatewayEnvironment } from '../../config';

/**
 * Which system of record the environment asks for, and what is missing for it. Kept out of the variable
 * schema because these rules span several variables.
 *
 * - No `BACKEND_URL`: the embedded SQLite database is the system of record; nothing is delivered anywhere,
 *   so no outbox (`none`). The backend's other variables are refused rather than silently ignored.
 * - `BACKEND_URL`: the CrownDesk backend, which needs the service key *and* its tenant (CONTRACT.md). The
 *   outbox and the state written with it live in PostgreSQL when `DATABASE_URL` is set (several machines
 *   share the work), else in the embedded SQLite file under `DATA_DIR`.
 */

export type DurableState = 'none' | 'sqlite' | 'postgres';

export interface BackendSettings {
  durableState: DurableState;
  issues: ConfigIssue[];
}

type BackendEnvironment = Pick<GatewayEnvironment, 'BACKEND_URL' | 'BACKEND_API_KEY' | 'BACKEND_TENANT_ID' | 'DATABASE_URL'>;

const ONLY_WITH_BACKEND = ['BACKEND_API_KEY', 'BACKEND_TENANT_ID', 'DATABASE_URL'] as const;

export function resolveBackend(environment: BackendEnvironment): BackendSettings {
  const issues: ConfigIssue[] = [];
  if (environment.BACKEND_URL === undefined) {
    for (const variable of ONLY_WITH_BACKEND) {
      if (environment[variable] !== undefined) {
        issues.push({ variable, message: 'only used with BACKEND_URL: set BACKEND_URL to use the CrownDesk backend, or unset it' });
      }
    }
    return { durableState: 'none', issues };
  }
  if (environment.BACKEND_API_KEY === undefined) {
    issues.push({
      variable: 'BACKEND_API_KEY',
      message: 'required when BACKEND_URL is set: the CrownDesk service API key (sent as Authorization: Bearer)',
    });
  }
  if (environment.BACKEND_TENANT_ID === undefined) {
    issues.push({
      variable: 'BACKEND_TENANT_ID',
      message: 'required when BACKEND_URL is set: the CrownDesk tenant the API key belongs to (sent as x-tenant-id)',
    });
  }
  return { durableState: environment.DATABASE_URL === undefined ? 'sqlite' : 'postgres', issues };
}

/** The backend's connection, for the bindings of backend mode (parseConfig has made sure it is complete). */
export interface BackendConnection {
  baseUrl: string;
  apiPrefix: string;
  apiKey: string;
  tenantId: string;
}

export function backendConnection(
  config: Pick<GatewayEnvironment, 'BACKEND_URL' | 'BACKEND_API_KEY' | 'BACKEND_TENANT_ID' | 'BACKEND_API_PREFIX'>,
): BackendConnection {
  const { BACKEND_URL: baseUrl, BACKEND_API_KEY: apiKey, BACKEND_TENANT_ID: tenantId } = config;
  if (baseUrl === undefined || apiKey === undefined || tenantId === undefined) {
    throw new Error('backend mode without BACKEND_URL, BACKEND_API_KEY and BACKEND_TENANT_ID (parseConfig refuses this)');
  }
  return { baseUrl, apiPrefix: config.BACKEND_API_PREFIX, apiKey, tenantId };
}
