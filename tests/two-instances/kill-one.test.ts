/**
 * One of two instances killed mid-sync loses nothing (issue 17, "Stateless
 * instances"). Several RxDB clients of one user write continuously through
 * the round-robin proxy while instance A or B is SIGKILLed (while a push is
 * being processed on it when one comes in time) and started again later;
 * the clients keep writing until the last one is back. At the end every write any client
 * made must be on the server and on every client (tests/chaos/oracle.ts),
 * and the resumes they edited must hold the latest edit of each field.
 *
 * Env: TWO_CHAOS_SEED (default 1717), TWO_CHAOS_DURATION_MS (20000),
 * TWO_CHAOS_CLIENTS (3), TWO_CHAOS_KILLS (4, alternating B and A). The seed
 * drives the writes and the kill schedule; thread timing still varies
 * between runs. Figures go to tests/two-instances/results/last-run.json.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, expect, it } from 'vitest';
import { JOB_DOC_VERSION, JOB_STATUSES, type Job } from '../../shared/schema';
import { canonical } from '../../shared/sync/merge-job';
import { createAuthFetch } from '../../extension/background/account/auth-fetch';
import { memoryTokenStore, syncUrlOnServer, type Tokens } from '../../extension/background/account/tokens';
import { replicateJobs, type JobReplication } from '../../extension/background/sync/replication';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { jobsByRecency, upsertJobWith } from '../../extension/db/jobs';
import { ResumeFileStore } from '../../extension/db/resumes-files';
import { startResumeSync, type ResumeSync } from '../../extension/background/sync/resume-replication';
import { resumesSyncUrl, type Resume } from '../../shared/resume/doc';
import { logicalClock, Oracle } from '../chaos/oracle';
import { randomResumeWrite, ResumeOracle } from '../chaos/resume-writes';
import { createVerifiedAccount } from '../helpers/accounts';
import { createRng, deriveSeed, type Rng } from '../helpers/prng';
import { startDeployment, type Deployment, type Instance } from './deployment';

const envInt = (name: string, fallback: number) => {
  const raw = process.env[name];
  return raw === undefined || raw.trim() === '' ? fallback : Number.parseInt(raw, 10);
};

const SEED = envInt('TWO_CHAOS_SEED', 1717);
const DURATION_MS = envInt('TWO_CHAOS_DURATION_MS', 20_000);
const CLIENT_COUNT = Math.max(2, envInt('TWO_CHAOS_CLIENTS', 3));
const KILLS = Math.max(2, envInt('TWO_CHAOS_KILLS', 4));
const CONVERGE_TIMEOUT_MS = 60_000;
const SHARED_IDS = 5;
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'last-run.json');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Client {
  name: string;
  db: TrackruitDatabase;
  rng: Rng;
  replication: JobReplication;
  resumes: ResumeSync;
  writes: number;
  errors: Record<string, number>;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

function plainJob(data: Record<string, unknown>): Job {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...job } = data;
  return job as Job;
}

async function clientJobs(client: Client): Promise<Map<string, Job>> {
  const docs = await client.db.jobs.find().exec();
  return new Map(docs.map((doc) => [doc.primary, plainJob(doc.toMutableJSON() as Record<string, unknown>)]));
}

async function clientResumes(client: Client): Promise<Map<string, Resume>> {
  const docs = await client.db.resumes.find().exec();
  return new Map(docs.map((doc) => [doc.primary, plainJob(doc.toMutableJSON() as Record<string, unknown>) as unknown as Resume]));
}

/** Every document in a user's database as `base` (an instance, or the proxy) serves it, read page by page from its feed. */
async function serverDocs<T>(base: string, syncPath: string, accessToken: string): Promise<Map<string, T>> {
  const jobs = new Map<string, T>();
  let since: unknown = 0;
  for (;;) {
    const response = await fetch(`${base}${syncPath}_changes?include_docs=true&limit=1000&since=${encodeURIComponent(String(since))}`, {
      headers: { authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${base} _changes answered ${response.status}`);
    const body = (await response.json()) as { last_seq: unknown; results: { id: string; deleted?: boolean; doc?: Record<string, unknown> }[] };
    for (const row of body.results) {
      if (!row.doc || row.deleted) continue;
      const { _id, _rev: _r, ...rest } = row.doc;
      jobs.set(row.id, { id: _id, ...rest } as unknown as T);
    }
    if (body.results.length === 0) return jobs;
    since = body.last_seq;
  }
}

const serverJobs = (base: string, syncPath: string, accessToken: string) => serverDocs<Job>(base, syncPath, accessToken);
const serverResumes = (base: string, syncPath: string, accessToken: string) => serverDocs<Resume>(base, new URL(resumesSyncUrl(`http://x${syncPath}`)).pathname, accessToken);

const canonicalSet = (docs: Map<string, { id: string }>) => canonical([...docs.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));

function differences(a: Map<string, Job>, b: Map<string, Job>): string[] {
  const lines: string[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id);
    const y = b.get(id);
    if (!x || !y) lines.push(`${id}: only on ${x ? 'first' : 'second'}`);
    else if (canonical(x) !== canonical(y)) lines.push(`${id}: ${canonical(x)} vs ${canonical(y)}`);
  }
  return lines;
}

it(
  'clients writing through the proxy while one instance at a time is SIGKILLed lose no write',
  async () => {
    const startedAt = Date.now();
    console.log(`two-instance chaos: seed=${SEED} (TWO_CHAOS_SEED) duration=${DURATION_MS}ms clients=${CLIENT_COUNT} kills=${KILLS}`);
    const deployment: Deployment = await startDeployment();
    cleanups.push(() => deployment.stop());
    const { proxy } = deployment;

    const email = `two-chaos-${SEED}-${Date.now()}@example.com`;
    const password = 'correct horse battery staple';
    const account = await createVerifiedAccount({ url: deployment.a.url, dataDir: deployment.a.dataDir }, { email, password, name: 'Two Chaos' });
    const syncPath = new URL(account.syncUrl).pathname;

    // --- clients: each signs in through the proxy, as a device of its own ---
    const clients: Client[] = [];
    for (let i = 1; i <= CLIENT_COUNT; i += 1) {
      const response = await fetch(`${proxy.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
      expect(response.status).toBe(200);
      const session = (await response.json()) as { accessToken: string; refreshToken: string; syncUrl: string };
      const tokens: Tokens = { serverUrl: proxy.url, syncUrl: syncUrlOnServer(proxy.url, session.syncUrl), accessToken: session.accessToken, refreshToken: session.refreshToken };
      const name = `c${i}`;
      const factory = new IDBFactory();
      const db = await openDatabase({ name: `two-chaos-${name}`, indexedDB: factory, IDBKeyRange, multiInstance: false });
      const store = memoryTokenStore(tokens);
      const replication = replicateJobs({ jobs: db.jobs, syncUrl: tokens.syncUrl, fetch: createAuthFetch({ store }), retryTime: 300 });
      // The resumes database is made by whichever instance a client's first resume request reaches.
      const resumes = startResumeSync({ jobs: db.jobs, syncUrl: tokens.syncUrl, serverUrl: tokens.serverUrl, fetch: createAuthFetch({ store }), files: new ResumeFileStore(factory), retryTime: 300, log: () => {} });
      if (!resumes) throw new Error('the client database has no resumes collection');
      const client: Client = { name, db, rng: createRng(deriveSeed(SEED, `client-${name}`)), replication, resumes, writes: 0, errors: {} };
      replication.error$.subscribe((error) => {
        const code = (error as { code?: string }).code ?? error.name;
        client.errors[code] = (client.errors[code] ?? 0) + 1;
      });
      resumes.replication.error$.subscribe((error) => {
        const code = `resumes:${(error as { code?: string }).code ?? error.name}`;
        client.errors[code] = (client.errors[code] ?? 0) + 1;
      });
      cleanups.push(async () => {
        await client.replication.cancel();
        await client.resumes.stop();
        await db.close();
      });
      clients.push(client);
    }

    // --- writes ---
    const clock = logicalClock();
    const oracle = new Oracle();
    const resumeOracle = new ResumeOracle();
    let valueSeq = 0;
    const unique = (client: Client, field: string) => `${field}-${client.name}-${(valueSeq += 1)}`;
    const newJob = (client: Client, id: string, time: string): Job => ({
      id,
      title: unique(client, 'title'),
      company: unique(client, 'company'),
      platform: 'other',
      url: `https://jobs.example.com/${id}`,
      status: 'saved',
      statusHistory: [{ status: 'saved', at: time }],
      source: 'manual',
      schemaVersion: JOB_DOC_VERSION,
      isActive: true,
      createdAt: time,
      updatedAt: time,
    });
    const edit = (client: Client, existing: Job, time: string): Job => {
      if (client.rng.chance(0.35) && existing.statusHistory.length < 200) {
        const status = client.rng.pick(JOB_STATUSES.filter((s) => s !== existing.status));
        return { ...existing, status, statusHistory: [...existing.statusHistory, { status, at: time }], updatedAt: time };
      }
      const field = client.rng.pick(['title', 'company', 'location', 'salary'] as const);
      return { ...existing, [field]: unique(client, field), updatedAt: time };
    };

    /** One upsert; the time is taken inside build, so a retried build gets a later one. */
    async function write(client: Client, kind: string, id: string, build: (existing: Job | undefined, time: string) => Job): Promise<void> {
      let committed: { previous: Job | undefined; next: Job } | undefined;
      await upsertJobWith(client.db.jobs, id, (existing) => {
        const next = build(existing, clock());
        committed = { previous: existing, next };
        return next;
      });
      if (!committed) throw new Error(`write to ${id} never built`);
      oracle.record(client.name, kind, committed.previous, committed.next);
      client.writes += 1;
    }

    let created = 0;
    async function randomWrite(client: Client): Promise<void> {
      if (client.rng.chance(0.08)) {
        await randomResumeWrite(client.db.resumes, client.rng, client.name, clock(), (field) => unique(client, field), resumeOracle);
        client.writes += 1;
        return;
      }
      const roll = client.rng();
      if (roll < 0.15) {
        const id = `two-${client.name}-${(created += 1)}`;
        await write(client, 'create', id, (existing, time) => (existing ? edit(client, existing, time) : newJob(client, id, time)));
        return;
      }
      if (roll < 0.3) {
        // The same posting captured on several devices: concurrent creates of one id.
        const id = `two-shared-${client.rng.int(1, SHARED_IDS)}`;
        await write(client, 'capture', id, (existing, time) => (existing ? edit(client, existing, time) : newJob(client, id, time)));
        return;
      }
      const recent = await jobsByRecency(client.db.jobs, 5).exec();
      if (recent.length === 0) return;
      const id = client.rng.pick(recent).primary;
      await write(client, 'edit', id, (existing, time) => edit(client, existing!, time));
    }

    let running = true;
    const chaosStartedAt = Date.now();
    async function writerLoop(client: Client): Promise<void> {
      while (running) {
        await randomWrite(client);
        await sleep(client.rng.int(20, 150));
      }
    }

    // --- kills: B, A, B, …; each while a push is being processed on it when one comes within 3 s ---
    const kills: { instance: string; atMs: number; duringPush: boolean; downMs: number }[] = [];
    const killRng = createRng(deriveSeed(SEED, 'kills'));
    async function killLoop(): Promise<void> {
      for (let k = 1; k <= KILLS; k += 1) {
        const victim: Instance = k % 2 === 1 ? deployment.b : deployment.a;
        const at = chaosStartedAt + (DURATION_MS * k) / (KILLS + 1) + killRng.int(-500, 500);
        await sleep(Math.max(0, at - Date.now()));
        await Promise.race([proxy.nextSent(victim.name, 'bulk_docs'), sleep(3_000)]);
        const duringPush = proxy.inFlight(victim.name, 'bulk_docs') > 0;
        const downAt = Date.now();
        await victim.process.kill();
        // Down a while, the writes going on through the other instance alone.
        await sleep(killRng.int(500, 2_000));
        await victim.process.start();
        kills.push({ instance: victim.name, atMs: downAt - chaosStartedAt, duringPush, downMs: Date.now() - downAt });
      }
    }

    // The clients write until the last killed instance is back and the duration has passed, so every
    // kill and restart happens under writes.
    const writing = Promise.all(clients.map(writerLoop));
    // A failed write ends the run at once; it is reported when awaited below.
    writing.catch(() => {
      running = false;
    });
    try {
      await killLoop();
      await sleep(Math.max(1_000, chaosStartedAt + DURATION_MS - Date.now()));
    } finally {
      running = false;
    }
    await writing;
    const chaosMs = Date.now() - chaosStartedAt;

    // --- convergence: both instances up, every client and the server holding the same jobs ---
    const convergeStartedAt = Date.now();
    let convergeMs: number | undefined;
    let final: { server: Map<string, Job>; clients: Map<string, Job>[] } | undefined;
    let lastResync = 0;
    for (;;) {
      if (Date.now() - lastResync > 1_000) {
        for (const client of clients) {
          client.replication.reSync();
          client.resumes.replication.reSync();
        }
        lastResync = Date.now();
      }
      const server = await serverJobs(proxy.url, syncPath, account.accessToken);
      const onClients = await Promise.all(clients.map(clientJobs));
      const reference = canonicalSet(server);
      const resumesReference = canonicalSet(await serverResumes(proxy.url, syncPath, account.accessToken));
      const resumesConverged = (await Promise.all(clients.map(clientResumes))).every((resumes) => canonicalSet(resumes) === resumesReference);
      if (resumesConverged && onClients.every((jobs) => canonicalSet(jobs) === reference)) {
        if (convergeMs === undefined) convergeMs = Date.now() - convergeStartedAt;
        else {
          final = { server, clients: onClients };
          break; // equal twice in a row, 500 ms apart: quiescent
        }
        await sleep(500);
        continue;
      }
      convergeMs = undefined;
      if (Date.now() - convergeStartedAt > CONVERGE_TIMEOUT_MS) {
        const diffs = onClients.map((jobs, i) => `${clients[i]!.name} vs server:\n  ${differences(jobs, server).slice(0, 10).join('\n  ')}`);
        throw new Error(`no convergence within ${CONVERGE_TIMEOUT_MS} ms\n${diffs.join('\n')}\nA:\n${deployment.a.process.log().slice(-1_500)}\nB:\n${deployment.b.process.log().slice(-1_500)}`);
      }
      await sleep(200);
    }

    // --- results ---
    // Both instances, asked directly, serve the same data.
    const onA = await serverJobs(deployment.a.url, syncPath, account.accessToken);
    const onB = await serverJobs(deployment.b.url, syncPath, account.accessToken);
    const serverCheck = oracle.check(final.server);
    const resumeReplicas = [await serverResumes(proxy.url, syncPath, account.accessToken), ...(await Promise.all(clients.map(clientResumes)))];
    const resumeProblems = resumeReplicas.flatMap((resumes, i) => resumeOracle.check(resumes).map((problem) => `${i === 0 ? 'server' : clients[i - 1]!.name}: ${problem}`));
    const clientChecks = final.clients.map((jobs) => oracle.check(jobs));
    const stats = proxy.stats();
    const summary = {
      seed: SEED,
      clients: CLIENT_COUNT,
      durationMs: chaosMs,
      writesMade: oracle.writes.length,
      writesByKind: oracle.writes.reduce<Record<string, number>>((acc, w) => ({ ...acc, [w.kind]: (acc[w.kind] ?? 0) + 1 }), {}),
      writesLost: Math.max(serverCheck.lost.length, ...clientChecks.map((check) => check.lost.length)),
      resumeWrites: resumeOracle.writes.length,
      resumeProblems: resumeProblems.length,
      unexpected: serverCheck.unexpected.length,
      jobs: final.server.size,
      instanceKills: kills.length,
      killsDuringPush: kills.filter((kill) => kill.duringPush).length,
      kills,
      proxy: {
        requests: stats.requests,
        retriedOnOtherInstance: stats.retried,
        badGateway: stats.badGateway,
        cutMidResponse: stats.cutMidResponse,
        byInstance: stats.byBackend,
      },
      replicationErrors: clients.map((client) => ({ client: client.name, ...client.errors })),
      convergeMs,
      totalMs: Date.now() - startedAt,
      at: new Date().toISOString(),
    };
    console.log(
      `two-instance chaos summary: seed=${SEED} writes=${summary.writesMade} lost=${summary.writesLost} unexpected=${summary.unexpected} jobs=${summary.jobs} ` +
        `resumeWrites=${summary.resumeWrites} resumeProblems=${summary.resumeProblems} ` +
        `kills=${summary.instanceKills} (mid-push ${summary.killsDuringPush}) requests=${stats.requests} retried=${stats.retried} 502=${stats.badGateway} cut=${stats.cutMidResponse} ` +
        `converge=${convergeMs}ms total=${summary.totalMs}ms`,
    );
    await fs.mkdir(path.dirname(RESULTS_FILE), { recursive: true });
    await fs.writeFile(RESULTS_FILE, `${JSON.stringify({ ...summary, lostDetails: serverCheck.details.slice(0, 50), resumeProblemDetails: resumeProblems.slice(0, 20) }, null, 2)}\n`);

    for (const [i, jobs] of final.clients.entries()) expect(differences(jobs, final.server), `${clients[i]!.name} differs from the server`).toEqual([]);
    expect(differences(onA, onB), 'instances A and B serve different data').toEqual([]);
    expect(serverCheck.details, 'writes lost or unexpected state on the server').toEqual([]);
    expect(summary.writesLost).toBe(0);
    expect(resumeProblems, 'resume edits lost or unexpected resumes').toEqual([]);
    expect(summary.resumeWrites).toBeGreaterThan(5);
    expect(summary.instanceKills).toBe(KILLS);
    expect(summary.killsDuringPush).toBeGreaterThanOrEqual(1);
    expect(summary.writesMade).toBeGreaterThan(100);
    // Both instances served sync before and after their kills.
    for (const name of ['a', 'b']) expect(stats.byBackend[name]!.answered.bulk_docs).toBeGreaterThan(0);
  },
  240_000,
);
