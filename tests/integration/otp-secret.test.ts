import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { readLatestCode } from '../helpers/accounts';

const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

const account = (name: string) => ({ name, email: `${name}@example.com`, password: 'a long enough passphrase 42' });

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Runs the server over `dataDir` with `overrides`, stops it after `fn`. */
async function withServer<T>(config: ServerConfig, overrides: Partial<ServerConfig>, fn: (url: string) => Promise<T>): Promise<T> {
  const running = await startServer({ ...config, ...overrides });
  try {
    return await fn(running.url);
  } finally {
    await running.stop();
  }
}

describe('one-time codes are keyed by OTP_HMAC_SECRET alone', () => {
  it('a code survives a new JWT refresh secret, and stops matching under a new OTP_HMAC_SECRET', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-otp-'));
    dirs.push(dataDir);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    const alice = account('alice');
    const bob = account('bob');

    const codes = await withServer(config, {}, async (url) => {
      for (const who of [alice, bob]) expect((await post(`${url}/api/auth/register`, who)).status).toBe(202);
      return { alice: await readLatestCode(dataDir, alice.email), bob: await readLatestCode(dataDir, bob.email) };
    });

    await withServer(config, { jwtRefreshSecret: 'r'.repeat(48), jwtAccessSecret: 's'.repeat(48) }, async (url) => {
      const verified = await post(`${url}/api/auth/verify-otp`, { email: alice.email, code: codes.alice, password: alice.password });
      expect(verified.status).toBe(200);
    });

    await withServer(config, { otpHmacSecret: 'o'.repeat(48) }, async (url) => {
      const refused = await post(`${url}/api/auth/verify-otp`, { email: bob.email, code: codes.bob, password: bob.password });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_code');
    });
  });
});
