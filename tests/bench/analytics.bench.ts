/**
 * `npm run bench:analytics`: platform analytics with 1,000 users and 200,000
 * applications (BENCH_USERS, BENCH_JOBS_PER_USER), through the real server.
 * Seeds the storage directly (the users' records and one database of jobs
 * each, bulk writes), then:
 *
 * - fullAggregationMs: from the server's start, with no checkpoints, until
 *   GET /api/admin/analytics counts every seeded user;
 * - changeVisibleMs: a job written through sync to one user's database until
 *   the report shows it (median of BENCH_CHANGES writes);
 * - consoleUsersFirstPaintMs / consoleAnalyticsFirstPaintMs: the admin
 *   console's pages in Chromium, against the seeded server (median of
 *   BENCH_PAINTS loads each, tests/bench/console/first-paint.ts);
 * - incrementalUpdateMs / fullRecomputeMs: after the server stops, the same
 *   aggregator over the same storage replaces one user's contribution and
 *   recomputes everyone's, interleaved, BENCH_RUNS of each: medians here,
 *   every run in tests/bench/results/analytics-runs.json.
 *
 * Not a test: prints the figures and writes tests/bench/results/analytics.json.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { PlatformAnalyticsReport } from '../../shared/admin/console-api';
import { JOB_DOC_VERSION, PLATFORMS, type JobStatus } from '../../shared/schema/job';
import { createPlatformAnalytics } from '../../server/analytics/platform/aggregator';
import { openCheckpointStore } from '../../server/analytics/platform/checkpoints';
import { loadConfig } from '../../server/config';
import { startServer } from '../../server/http-server';
import { newUserRecord } from '../../server/storage/new-user';
import { createPouchStorage } from '../../server/storage/pouchdb/index';
import { createPouchSyncDatabases } from '../../server/storage/pouchdb/sync-databases';
import { systemPouch } from '../../server/storage/pouchdb/system-pouch';
import { userDbName } from '../../server/sync/db-name';
import { signInAsAdmin } from '../helpers/admin-session';
import { createRng } from '../helpers/prng';
import { measureConsolePages } from './analytics-console';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.join(ROOT, 'tests/bench/results/analytics.json');
const RUNS_FILE = path.join(ROOT, 'tests/bench/results/analytics-runs.json');
const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const JOBS_PER_USER = Number(process.env.BENCH_JOBS_PER_USER ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 5);
const PASSWORD = 'Vivid-Lantern-8271';
const DAY = 86_400_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const round = (value: number) => Math.round(value * 10) / 10;

const COMPANIES = Array.from({ length: 500 }, (_, index) => `Company ${index}`);
const PLACES = ['Berlin, Germany', 'Pune, India', 'Bengaluru, India', 'London, United Kingdom', 'Paris, France', 'Remote', 'New York, NY', 'Toronto, Canada', 'Madrid, Spain', 'Delhi, India'];
const LAYOUTS = ['jobs_view', 'search_pane', 'collections'];

/** One seeded user's jobs: applications over the last year, most unanswered, some answered after a few days to weeks. */
function jobsFor(userIndex: number, now: number): Record<string, unknown>[] {
  const rng = createRng(userIndex + 1);
  const place = rng.pick(PLACES);
  return Array.from({ length: JOBS_PER_USER }, (_, index) => {
    const id = 4_000_000_000 + userIndex * 10_000 + index;
    const platform = PLATFORMS[Math.min(PLATFORMS.length - 1, Math.floor(rng() ** 2 * PLATFORMS.length))]!;
    const appliedMs = now - rng.int(1, 365) * DAY - rng.int(0, DAY - 1);
    const appliedAt = new Date(appliedMs).toISOString();
    const history: { status: JobStatus; at: string }[] = [{ status: 'applied', at: appliedAt }];
    const roll = rng();
    const later = (days: number) => new Date(Math.min(now, appliedMs + days * DAY)).toISOString();
    if (roll < 0.25) history.push({ status: 'rejected', at: later(rng.int(1, 30)) });
    else if (roll < 0.4) {
      history.push({ status: 'interview', at: later(rng.int(2, 21)) });
      if (roll < 0.3) history.push({ status: 'offer', at: later(rng.int(22, 40)) });
    } else if (roll < 0.55) history.push({ status: 'ghosted', at: later(45) });
    const manual = rng.chance(0.1);
    const last = history[history.length - 1]!;
    return {
      _id: `${platform}:${id}`,
      schemaVersion: JOB_DOC_VERSION,
      title: 'Software Engineer',
      company: COMPANIES[Math.floor(rng() ** 2 * COMPANIES.length)]!,
      platform,
      url: `https://example.com/jobs/${id}`,
      appliedAt,
      status: last.status,
      statusHistory: history,
      source: manual ? 'manual' : 'auto_detect',
      ...(manual ? {} : { detection: { rulesVersion: 1, signal: 'easy_apply', layout: rng.pick(LAYOUTS) } }),
      location: rng.chance(0.8) ? place : rng.pick(PLACES),
      isActive: true,
      createdAt: appliedAt,
      updatedAt: last.at,
    };
  });
}

async function seed(dataDir: string): Promise<{ ms: number; userIds: string[] }> {
  const started = performance.now();
  const now = Date.now();
  const users = new (systemPouch(dataDir))('users');
  const databases = await createPouchSyncDatabases(path.join(dataDir, 'userdbs'));
  const userIds: string[] = [];
  for (let index = 0; index < USERS; index += 1) {
    // The hash is never checked: these accounts never sign in.
    const user = newUserRecord({ email: `person${index}@school.example.edu`, name: `Person ${index}`, passwordHash: null, emailVerified: true, createdAt: new Date(now - 400 * DAY).toISOString() });
    const { id, ...fields } = user;
    await users.bulkDocs([{ _id: `user:${id}`, ...fields }, { _id: `email:${user.email}`, userId: id }]);
    const lease = await databases.lease(userDbName(id));
    try {
      await lease.db.bulkDocs(jobsFor(index, now));
    } finally {
      lease.release();
    }
    userIds.push(id);
  }
  await databases.close();
  await users.close();
  return { ms: performance.now() - started, userIds };
}

const monthRow = (report: PlatformAnalyticsReport, month: string) => report.applicationsByMonth.find((row) => row.key === month)?.applications ?? null;

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'trackruit-bench-analytics-'));
  try {
    const seeded = await seed(dataDir);
    console.log(`seeded ${USERS} users × ${JOBS_PER_USER} jobs in ${Math.round(seeded.ms)} ms`);
    const loaded = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
    // The bench polls the report every few milliseconds, far past the admin routes' per-IP budget.
    const config = { ...loaded, rateLimits: { ...loaded.rateLimits, ipPerWindow: 1_000_000 }, adminBootstrap: { email: 'owner@example.com', password: PASSWORD } };

    const startedAt = performance.now();
    const server = await startServer(config, { log: () => undefined });
    const serverStartMs = performance.now() - startedAt;
    let adminSignInMs = 0;
    let fullAggregationMs: number;
    const changeVisible: number[] = [];
    let consolePaint: Awaited<ReturnType<typeof measureConsolePages>>;
    try {
      const signInAt = performance.now();
      const owner = await signInAsAdmin(server.url, 'owner@example.com', PASSWORD);
      adminSignInMs = performance.now() - signInAt;
      const report = async (): Promise<PlatformAnalyticsReport> => {
        const response = await fetch(`${server.url}/api/admin/analytics`, { headers: { authorization: `Bearer ${owner.adminToken}` } });
        if (response.status !== 200) throw new Error(`GET /api/admin/analytics answered ${response.status}: ${await response.text()}`);
        return (await response.json()) as PlatformAnalyticsReport;
      };
      const until = async (accept: (value: PlatformAnalyticsReport) => boolean, timeoutMs: number, everyMs = 10): Promise<PlatformAnalyticsReport> => {
        const deadline = performance.now() + timeoutMs;
        for (;;) {
          const value = await report();
          if (accept(value)) return value;
          if (performance.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms (contributors ${value.contributors})`);
          await new Promise((resolve) => setTimeout(resolve, everyMs));
        }
      };
      await until((value) => value.contributors === USERS, 30 * 60_000, 100);
      fullAggregationMs = performance.now() - startedAt;
      console.log(`full aggregation: ${Math.round(fullAggregationMs)} ms`);

      // One person's job written through sync, as their extension would, until the report counts it.
      const syncUrl = `${server.url}/db/${userDbName(owner.id)}/`;
      const month = new Date().toISOString().slice(0, 7);
      const write = async (index: number) => {
        const at = new Date().toISOString();
        const response = await fetch(`${syncUrl}_bulk_docs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.userToken}` },
          body: JSON.stringify({ docs: [{ _id: `linkedin:${4_900_000_000 + index}`, schemaVersion: JOB_DOC_VERSION, title: 'Engineer', company: 'Company 1', platform: 'linkedin', url: `https://example.com/jobs/x${index}`, appliedAt: at, status: 'applied', statusHistory: [{ status: 'applied', at }], source: 'manual', location: 'Berlin, Germany', isActive: true, createdAt: at, updatedAt: at }] }),
        });
        if (response.status !== 201) throw new Error(`_bulk_docs answered ${response.status}: ${await response.text()}`);
      };
      // The first write makes the person a contributor; the measured ones replace their contribution.
      const before = monthRow(await report(), month) ?? 0;
      await write(0);
      await until((value) => monthRow(value, month) === before + 1, 60_000);
      for (let change = 1; change <= CHANGES; change += 1) {
        const expected = (monthRow(await report(), month) ?? 0) + 1;
        const at = performance.now();
        await write(change);
        await until((value) => monthRow(value, month) === expected, 60_000);
        changeVisible.push(performance.now() - at);
      }
      console.log(`change visible: ${changeVisible.map(Math.round).join(', ')} ms`);

      consolePaint = await measureConsolePages(server.url, { email: 'owner@example.com', password: PASSWORD, secret: owner.secret });
    } finally {
      await server.stop();
    }

    // The same aggregator over the same storage, now alone: one user replaced against everyone recomputed, interleaved.
    const storage = await createPouchStorage(dataDir);
    const analytics = await createPlatformAnalytics({ databases: storage.syncDatabases, users: storage.users, checkpoints: openCheckpointStore(dataDir), minGroup: config.analyticsMinGroup, log: () => undefined });
    const incremental: number[] = [];
    const full: number[] = [];
    try {
      await analytics.settled();
      const rng = createRng(42);
      for (let run = 0; run < RUNS; run += 1) {
        let at = performance.now();
        await analytics.refreshUser(rng.pick(seeded.userIds));
        incremental.push(performance.now() - at);
        at = performance.now();
        const fresh = await analytics.recomputeAll();
        full.push(performance.now() - at);
        if (fresh.contributors !== USERS + 1) throw new Error(`recomputed ${fresh.contributors} contributors`);
        console.log(`run ${run + 1}: incremental ${round(incremental.at(-1)!)} ms, full ${Math.round(full.at(-1)!)} ms`);
      }
    } finally {
      await analytics.close();
      await storage.close();
    }

    const result = {
      users: USERS,
      jobs: USERS * JOBS_PER_USER,
      fullAggregationMs: Math.round(fullAggregationMs),
      changeVisibleMs: round(median(changeVisible)),
      incrementalUpdateMs: round(median(incremental)),
      fullRecomputeMs: Math.round(median(full)),
      consoleUsersFirstPaintMs: round(consolePaint.usersMs),
      consoleAnalyticsFirstPaintMs: round(consolePaint.analyticsMs),
    };
    const runs = { seedMs: Math.round(seeded.ms), serverStartMs: Math.round(serverStartMs), adminSignInMs: Math.round(adminSignInMs), changeVisibleMs: changeVisible.map(round), incrementalUpdateMs: incremental.map(round), fullRecomputeMs: full.map(Math.round),  incrementalShareOfFull: Number((median(incremental) / median(full)).toFixed(5)), consoleFirstPaintMs: { users: consolePaint.runs.usersMs.map(round), analytics: consolePaint.runs.analyticsMs.map(round) }, loadAverage: loadavg().map(round) };
    console.log(JSON.stringify({ ...result, runs }, null, 2));
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(RUNS_FILE, `${JSON.stringify(runs, null, 2)}\n`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
