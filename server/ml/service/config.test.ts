import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config-error';
import { loadMlServiceConfig } from './config';

const KEY = 'k'.repeat(24);

describe('ML service configuration', () => {
  it('has documented defaults and needs only its key', () => {
    expect(loadMlServiceConfig({ ML_SERVICE_API_KEY: KEY })).toEqual({ port: 7000, host: '127.0.0.1', apiKey: KEY, redisUrl: null });
    expect(loadMlServiceConfig({ ML_SERVICE_API_KEY: KEY, ML_SERVICE_PORT: '0', REDIS_URL: 'redis://cache:6379' })).toMatchObject({ port: 0, redisUrl: 'redis://cache:6379' });
  });

  it('reports every bad variable at once, one line each, without echoing the key', () => {
    let error: unknown;
    try {
      loadMlServiceConfig({ ML_SERVICE_API_KEY: 'too-short-key', ML_SERVICE_PORT: '70000', ML_SERVICE_HOST: 'a b', REDIS_URL: 'http://cache' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).lines;
    expect(lines).toEqual([
      'ML_SERVICE_API_KEY: must be at least 16 characters (got 13 characters)',
      'ML_SERVICE_PORT: must be an integer between 0 and 65535 (got "70000")',
      'ML_SERVICE_HOST: must be a host name or IP address (got "a b")',
      'REDIS_URL: must be a redis:// or rediss:// URL (got "http://cache")',
    ]);
    expect(() => loadMlServiceConfig({})).toThrow(/ML_SERVICE_API_KEY: is required/);
  });
});
