import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { configError } from './support/config-error';

const BACKEND = {
  BACKEND_URL: 'https://cdapi.example.com',
  BACKEND_API_KEY: 'crowndesk_live_secretsecret',
  BACKEND_TENANT_ID: '7f4c1c2e-5a0b-4a43-9d8e-2b7f3c1d9e10',
};

describe('parseConfig: the CrownDesk backend and the durable state', () => {
  it('runs embedded with no outbox when BACKEND_URL is unset', () => {
    expect(parseConfig({})).toMatchObject({ embeddedMode: true, durableState: 'none' });
  });

  it('uses the backend with the SQLite outbox, and the defaults for a live phone turn', () => {
    expect(parseConfig(BACKEND)).toMatchObject({
      ...BACKEND,
      embeddedMode: false,
      durableState: 'sqlite',
      BACKEND_API_PREFIX: '/api',
      BACKEND_TIMEOUT_MS: 2_500,
      OUTBOX_LEASE_MS: 60_000,
    });
  });

  it('keeps the outbox in PostgreSQL when DATABASE_URL is set', () => {
    const config = parseConfig({ ...BACKEND, DATABASE_URL: 'postgres://voice:pw@db.internal:5432/crowndesk', BACKEND_API_PREFIX: '/api/v1' });
    expect(config).toMatchObject({ durableState: 'postgres', BACKEND_API_PREFIX: '/api/v1' });
  });

  it('needs the API key and the tenant id with BACKEND_URL, naming each', () => {
    const error = configError({ BACKEND_URL: BACKEND.BACKEND_URL });
    expect(error.variables).toEqual(['BACKEND_API_KEY', 'BACKEND_TENANT_ID']);
    expect(error.message).toContain('BACKEND_API_KEY: required when BACKEND_URL is set');
    expect(error.message).toContain('BACKEND_TENANT_ID: required when BACKEND_URL is set');
  });

  it("refuses the backend's other variables without BACKEND_URL instead of ignoring them", () => {
    const error = configError({ BACKEND_API_KEY: 'key', BACKEND_TENANT_ID: 'tenant', DATABASE_URL: 'postgres://db/crowndesk' });
    expect(error.variables).toEqual(['BACKEND_API_KEY', 'BACKEND_TENANT_ID', 'DATABASE_URL']);
    expect(error.message).toContain('only used with BACKEND_URL');
  });

  it.each([
    ['DATABASE_URL', 'mysql://voice:hunter2secret@db/crowndesk', 'expected a postgres:// or postgresql:// URL'],
    ['BACKEND_TIMEOUT_MS', '50', 'expected at least 100'],
    ['BACKEND_API_PREFIX', 'no-leading-slash', 'expected a path such as /api or /api/v1'],
    ['BACKEND_TENANT_ID', 'tenant id with spaces', 'expected the CrownDesk tenant id'],
    ['OUTBOX_LEASE_MS', '1000', 'expected at least 2000'],
  ])('rejects a bad %s naming it, without echoing the value', (variable, value, message) => {
    const error = configError({ ...BACKEND, [variable]: value });
    expect(error.variables).toEqual([variable]);
    expect(error.message).toContain(`${variable}: ${message}`);
    expect(error.message).not.toContain(value);
  });
});
