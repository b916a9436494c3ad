/**
 * `npm run bench:admin-users`: the admin console's user listing with 100,000
 * accounts (BENCH_USERS), through the real server. Seeds the user database
 * directly (bulk writes, as a server with that many accounts would have
 * them), starts the server (which builds its directory from one scan), signs
 * the owner in with TOTP, then times GET /api/users: the first page, a page
 * deep in the list by cursor, a text search that matches few, filters that
 * match many, and /stats. Medians over BENCH_RUNS runs. Not a test: prints
 * the figures and writes tests/bench/results/admin-users.json.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { newUserRecord } from '../../server/storage/new-user';
import { systemPouch } from '../../server/storage/pouchdb/system-pouch';
import { signInAsAdmin } from '../helpers/admin-session';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.join(ROOT, 'tests/bench/results/admin-users.json');
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PASSWORD = 'Vivid-Lantern-8271';
const DAY = 86_400_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const round = (value: number) => Math.round(value * 10) / 10;

async function seed(dataDir: string): Promise<number> {
  const db = new (systemPouch(dataDir))('users');
  const started = performance.now();
  const now = Date.now();
  for (let offset = 0; offset < USERS; offset += 5000) {
    const docs: Record<string, unknown>[] = [];
    for (let index = offset; index < Math.min(USERS, offset + 5000); index += 1) {
      // The hash is never checked: these accounts never sign in.
      const user = newUserRecord({ email: `person${index}@school${index % 50}.example.edu`, name: `Person ${index}`, passwordHash: null, emailVerified: index % 10 !== 0, createdAt: new Date(now - (index % 1000) * DAY).toISOString() });
      const { id, ...fields } = user;
      docs.push({ _id: `user:${id}`, ...fields, ...(index % 3 === 0 ? { lastActiveAt: new Date(now - (index % 60) * DAY).toISOString() } : {}) });
      docs.push({ _id: `email:${user.email}`, userId: id });
    }
    await db.bulkDocs(docs);
  }
  await db.close();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trackruit-bench-admin-'));
  try {
    const seedMs = await seed(dataDir);
    const config = { ...loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }), adminBootstrap: { email: 'owner@example.com', password: PASSWORD } };
    const startedAt = performance.now();
    const server = await startServer(config, { log: () => undefined });
    const startMs = performance.now() - startedAt;
    try {
      const { adminToken } = await signInAsAdmin(server.url, 'owner@example.com', PASSWORD);
      const time = async (route: string): Promise<{ ms: number; body: { nextCursor?: string | null; total?: number } }> => {
        const at = performance.now();
        const response = await fetch(`${server.url}${route}`, { headers: { authorization: `Bearer ${adminToken}` } });
        const body = (await response.json()) as { nextCursor?: string | null; total?: number };
        if (response.status !== 200) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(body)}`);
        return { ms: performance.now() - at, body };
      };
      // A cursor about halfway down the list by email.
      let cursor: string | null | undefined = null;
      for (let page = 0; page < 5; page += 1) cursor = (await time(`/api/users?sort=email&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body.nextCursor;
      const routes: Record<string, string> = {
        firstPageMs: '/api/users?limit=50',
        deepPageByCursorMs: `/api/users?sort=email&limit=50&cursor=${encodeURIComponent(cursor ?? '')}`,
        searchFewMs: '/api/users?q=person9999&limit=50',
        filterManyMs: '/api/users?verified=true&activeWithinDays=30&limit=50',
        statsMs: '/api/users/stats',
      };
      const figures: Record<string, number> = {};
      const totals: Record<string, number | undefined> = {};
      for (const [name, route] of Object.entries(routes)) {
        const samples: number[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          const { ms, body } = await time(route);
          samples.push(ms);
          totals[name] = body.total;
        }
        figures[name] = round(median(samples));
      }
      const result = { users: USERS, runs: RUNS, seedMs: Math.round(seedMs), serverStartMs: Math.round(startMs), ...figures, matches: totals, loadAverage: loadavg().map(round) };
      console.log(JSON.stringify(result, null, 2));
      writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
