/**
 * A small production-shaped deployment for the two-instance tests: two real
 * server processes (A and B), each with a data directory of its own, sharing
 * one CouchDB-compatible server (the stand-in of tests/setup/couchdb.global.ts)
 * under one database prefix, one real Redis, and the same secrets given
 * through the environment, behind a round-robin proxy that is their
 * PUBLIC_URL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverProcess, type ServerProcess } from '../chaos/server-process';
import { testCouchUrl } from '../helpers/couch-mode';
import { startRedis, type TestRedis } from '../helpers/redis';
import { startRoundRobinProxy, type RoundRobinProxy } from '../helpers/round-robin-proxy';

export interface Instance {
  name: 'a' | 'b';
  url: string;
  dataDir: string;
  process: ServerProcess;
}

export interface Deployment {
  proxy: RoundRobinProxy;
  a: Instance;
  b: Instance;
  redis: TestRedis;
  /** The directory the database prefix is derived from (no instance's own). */
  deploymentDir: string;
  stop(): Promise<void>;
}

const secret = () => crypto.randomBytes(48).toString('base64url');

export async function startDeployment(options: { env?: Record<string, string> } = {}): Promise<Deployment> {
  if (!testCouchUrl()) throw new Error('the two-instance tests need the CouchDB stand-in: run them in the two-instances project (npm run test:two-instances)');
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-two-'));
  const redis = await startRedis();
  const [portA, portB] = [await freePort(), await freePort()];
  const proxy = await startRoundRobinProxy([
    { name: 'a', url: `http://127.0.0.1:${portA}` },
    { name: 'b', url: `http://127.0.0.1:${portB}` },
  ]);
  // What production gives every instance alike: secrets, the shared stores, the public address.
  const env = {
    JWT_ACCESS_SECRET: secret(),
    JWT_REFRESH_SECRET: secret(),
    OTP_HMAC_SECRET: secret(),
    REDIS_URL: redis.url,
    PUBLIC_URL: proxy.url,
    ...options.env,
  };
  const deploymentDir = path.join(root, 'deployment');
  const instance = (name: 'a' | 'b', port: number): Instance => {
    const dataDir = path.join(root, name);
    return { name, url: `http://127.0.0.1:${port}`, dataDir, process: serverProcess({ port, dataDir, couchDataDir: deploymentDir, env }) };
  };
  const a = instance('a', portA);
  const b = instance('b', portB);
  try {
    // One after the other: both create the shared databases at start-up, and on two cores a
    // simultaneous start only doubles the wait.
    await a.process.start();
    await b.process.start();
  } catch (error) {
    await Promise.all([a.process.stop(), b.process.stop(), proxy.close(), redis.stop()]);
    throw error;
  }
  return {
    proxy,
    a,
    b,
    redis,
    deploymentDir,
    async stop() {
      await Promise.all([a.process.stop(), b.process.stop()]);
      await proxy.close();
      await redis.stop();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
