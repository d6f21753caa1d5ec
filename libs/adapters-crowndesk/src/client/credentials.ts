import type { Practice } from '@crowndesk/domain';

/**
 * What CrownDesk's service authentication needs for one practice (tenant): the service API key, sent as
 * `Authorization: Bearer <apiKey>`, and the tenant id, sent as `x-tenant-id`. The backend looks the key up
 * by its hash *within that tenant*, so both must match. Secrets: never logged.
 */
export interface BackendCredentials {
  apiKey: string;
  tenantId: string;
}

/** Each practice carries its own key; a single-practice deployment returns the same pair for every practice. */
export type CredentialsFor = (practice: Practice) => BackendCredentials;
