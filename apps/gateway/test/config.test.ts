import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config';
import { configError } from './support/config-error';

describe('parseConfig', () => {
  it('defaults to the embedded backend and the built-in model', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: 20_000,
      embeddedMode: true,
      languageModel: 'builtin',
    });
    expect(config.OPENAI_API_KEY).toBeUndefined();
  });

  it('reads explicit values and picks OpenAI when a key is set', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/crowndesk',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'gpt-4o-mini',
      PUBLIC_BASE_URL: 'https://voice.example.com',
      SHUTDOWN_GRACE_MS: '5000',
    });
    expect(config).toMatchObject({
      PORT: 0,
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/crowndesk',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      SHUTDOWN_GRACE_MS: 5000,
      languageModel: 'openai',
    });
  });

  it('treats empty strings as unset', () => {
    const config = parseConfig({ PORT: '', OPENAI_API_KEY: '', BACKEND_URL: '  ', LOG_LEVEL: '' });
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.languageModel).toBe('builtin');
    expect(config.embeddedMode).toBe(true);
  });

  it.each([['abc'], ['-1'], ['65536'], ['80.5']])('rejects PORT=%s naming the variable', (port) => {
    const error = configError({ PORT: port });
    expect(error.variables).toEqual(['PORT']);
    expect(error.message).toContain('PORT');
  });

  it.each([['OPENAI_BASE_URL'], ['PUBLIC_BASE_URL']])('rejects a malformed %s', (variable) => {
    const error = configError({ [variable]: 'not a url' });
    expect(error.variables).toEqual([variable]);
    expect(error.message).toContain(`${variable}: expected an http(s) URL`);
  });

  it('reports every bad variable at once, without echoing values', () => {
    const error = configError({ LOG_LEVEL: 'loud', SHUTDOWN_GRACE_MS: '999999999', OPENAI_BASE_URL: 'ftp://sk-secret' });
    expect(error.variables.sort()).toEqual(['LOG_LEVEL', 'OPENAI_BASE_URL', 'SHUTDOWN_GRACE_MS']);
    expect(error.message).not.toContain('sk-secret');
  });
});
