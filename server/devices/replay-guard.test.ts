import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, describe, expect, it } from 'vitest';
import { startRedis } from '../../tests/helpers/redis';
import { createRedisReplayGuard, createStoredReplayGuard, type ReplayGuard } from './replay-guard';

const WINDOW_MS = 5 * 60_000;
const opened: ReplayGuard[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((guard) => guard.close()));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-replay-'));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('stored replay guard', () => {
  it('refuses a request seen before a restart, and accepts a nonce again only once its lifetime is over', async () => {
    const dir = await tempDir();
    let clock = Date.UTC(2026, 10, 23, 9, 0, 0);
    const now = () => clock;
    const first = await createStoredReplayGuard(dir, WINDOW_MS, now);
    expect(await first.claim('dev1:1000:r', clock)).toBe(true);
    expect(await first.claim('dev1:1000:r', clock)).toBe(false);
    // Two copies arriving together: one wins.
    expect(await Promise.all([first.claim('dev1:2000:r', clock), first.claim('dev1:2000:r', clock)])).toEqual(expect.arrayContaining([true, false]));
    await first.close();

    // The process restarts: its memory is gone, the nonces are not.
    const second = await createStoredReplayGuard(dir, WINDOW_MS, now);
    opened.push(second);
    expect(await second.claim('dev1:1000:r', clock)).toBe(false);
    expect(await second.claim('dev1:3000:r', clock)).toBe(true);

    clock += WINDOW_MS + 1;
    // Its timestamp is outside the window by now (the gate refuses it as stale first); the store no longer holds it against anyone.
    expect(await second.claim('dev1:1000:r', clock)).toBe(true);
  });

  it('sweeps expired nonces out of the database', async () => {
    const dir = await tempDir();
    let clock = Date.UTC(2026, 10, 23, 9, 0, 0);
    const guard = await createStoredReplayGuard(dir, WINDOW_MS, () => clock);
    for (let n = 0; n < 20; n += 1) expect(await guard.claim(`dev1:${n}:r`, clock)).toBe(true);
    await guard.close();

    clock += WINDOW_MS + 120_000;
    const later = await createStoredReplayGuard(dir, WINDOW_MS, () => clock);
    expect(await later.claim('dev1:fresh:r', clock)).toBe(true);
    await later.close();
    // Only the fresh nonce is left (closing waits for the sweep the claim started).
    const db = new PouchDB(path.join(dir, 'system', 'replay_nonces'));
    const left = await db.allDocs();
    await db.close();
    expect(left.rows.map((row) => row.id)).toEqual(['dev1:fresh:r']);
  });
});

describe('Redis replay guard', () => {
  it('two server instances sharing one Redis answer a request once between them', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const one = await createRedisReplayGuard(redis.url, 300);
    opened.push(one);
    const other = await createRedisReplayGuard(redis.url, 300);
    opened.push(other);

    const at = Date.now();
    expect(await one.claim('dev1:a:r', at)).toBe(true);
    expect(await other.claim('dev1:a:r', at)).toBe(false);
    expect(await one.claim('dev1:a:r', at)).toBe(false);
    expect(await other.claim('dev1:b:r', at)).toBe(true);
    // Redis forgets it with its lifetime (window past the later of timestamp and now).
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await other.claim('dev1:a:r', at)).toBe(true);
  });
});
