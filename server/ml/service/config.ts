import { z } from 'zod';
import { ConfigError } from '../../config-error';

/**
 * The ML service's settings (`npm run ml-service`), from the environment,
 * every mistake reported at once, one line each. The API key is never echoed.
 */

export interface MlServiceConfig {
  port: number;
  host: string;
  apiKey: string;
  /** Answers shared with other service instances; null keeps them in this process. */
  redisUrl: string | null;
}

export const ML_SERVICE_VARIABLES = [
  { name: 'ML_SERVICE_API_KEY', description: 'Required, at least 16 characters: the key callers send as X-API-Key (the server\'s ML_SERVICE_API_KEY).' },
  { name: 'ML_SERVICE_PORT', description: 'TCP port (default 7000; 0 picks a free one).' },
  { name: 'ML_SERVICE_HOST', description: 'Interface to bind (default 127.0.0.1).' },
  { name: 'REDIS_URL', description: 'Optional: cache answers in this Redis, shared by every instance.' },
] as const;

const MIN_KEY_LENGTH = 16;
const DEFAULT_PORT = 7000;

const port = z.string().regex(/^\d+$/, 'must be an integer between 0 and 65535').transform(Number).pipe(z.number().int().max(65535, 'must be an integer between 0 and 65535'));
const host = z.string().regex(/^[^\s/]+$/, 'must be a host name or IP address');
const redisUrl = z.string().refine((value) => URL.canParse(value) && ['redis:', 'rediss:'].includes(new URL(value).protocol), 'must be a redis:// or rediss:// URL');

export function loadMlServiceConfig(env: Record<string, string | undefined>): MlServiceConfig {
  const read = (name: string) => (env[name]?.trim() ? env[name].trim() : undefined);
  const errors: string[] = [];
  const check = <T>(name: string, schema: z.ZodType<T, string>, raw: string | undefined): T | undefined => {
    if (raw === undefined) return undefined;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    errors.push(`${name}: ${result.error.issues[0]?.message ?? 'is invalid'} (got ${JSON.stringify(raw)})`);
    return undefined;
  };
  const apiKey = read('ML_SERVICE_API_KEY');
  if (apiKey === undefined) errors.push(`ML_SERVICE_API_KEY: is required (at least ${MIN_KEY_LENGTH} random characters, e.g. \`openssl rand -base64 32\`)`);
  else if (apiKey.length < MIN_KEY_LENGTH) errors.push(`ML_SERVICE_API_KEY: must be at least ${MIN_KEY_LENGTH} characters (got ${apiKey.length} characters)`);
  const config = {
    port: check('ML_SERVICE_PORT', port, read('ML_SERVICE_PORT')) ?? DEFAULT_PORT,
    host: check('ML_SERVICE_HOST', host, read('ML_SERVICE_HOST')) ?? '127.0.0.1',
    apiKey: apiKey ?? '',
    redisUrl: check('REDIS_URL', redisUrl, read('REDIS_URL')) ?? null,
  };
  if (errors.length > 0) throw new ConfigError(errors);
  return config;
}
