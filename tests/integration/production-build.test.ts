/**
 * The built server (`npm run build:server`, then plain `node dist/server/main.js`),
 * built from only the files the image's build stage copies, in production mode: it answers health checks, signs a person up, syncs,
 * parses a resume and scores a match in its worker threads (compiled too),
 * counts all of it at /metrics, and writes JSON logs with request ids in
 * which no password, code, token or resume text ever appears.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ENTRIES, SERVER_OUT_DIR } from '../../server/build-layout';
import { buildAtsPdf } from '../../shared/resume/export/ats-pdf';
import { RICH_RESUME } from '../../shared/resume/export/test-resumes';
import { freePort, serverProcess, type ServerProcess } from '../chaos/server-process';
import { plainJobFields } from '../fixtures/jobs';
import { readLatestCode } from '../helpers/accounts';
import { eventually } from '../helpers/eventually';
import { dockerfileStages, dockerIgnore } from '../helpers/dockerfile';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'Quartz-otter-7-lantern-Ridge';
const METRICS_TOKEN = crypto.randomBytes(24).toString('base64url');
const SECRETS = {
  JWT_ACCESS_SECRET: crypto.randomBytes(36).toString('base64url'),
  JWT_REFRESH_SECRET: crypto.randomBytes(36).toString('base64url'),
  OTP_HMAC_SECRET: crypto.randomBytes(36).toString('base64url'),
};
// Words no log line could hold unless resume text leaked into it.
const RESUME_MARKER = 'Marmalade quokka telemetry';
const MATCH_MARKER = 'Velvet-anteater orchestration';

let server: ServerProcess;
let dataDir: string;
let appDir: string;

async function scrape(): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
}

async function post(urlPath: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${server.url}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/**
 * The image's build stage as near as it gets without Docker: a directory with only
 * what its COPY instructions take from the build context (.dockerignore applied)
 * and the installed packages, where its
 * `RUN npm run …` steps run; the server then starts there, as in the image's /app.
 */
async function buildLikeTheImage(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-image-'));
  const stage = dockerfileStages(await fs.readFile(path.join(repoRoot, 'Dockerfile'), 'utf8')).find((s) => s.name === 'build');
  if (!stage) throw new Error('the Dockerfile has no build stage');
  const ignored = dockerIgnore(await fs.readFile(path.join(repoRoot, '.dockerignore'), 'utf8'));
  const inContext = (file: string) => !ignored(path.relative(repoRoot, file).split(path.sep).join('/'));
  for (const source of stage.copies) await fs.cp(path.join(repoRoot, source), path.join(dir, source), { recursive: true, filter: inContext });
  await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  const steps = stage.instructions.filter((line) => line.startsWith('RUN npm run ')).map((line) => line.slice('RUN npm run '.length).trim());
  expect(steps).toEqual(['build:server', 'build:console']);
  for (const script of steps) await promisify(execFile)('npm', ['run', script], { cwd: dir });
  return dir;
}

beforeAll(async () => {
  appDir = await buildLikeTheImage();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-built-'));
  server = serverProcess({
    port: await freePort(),
    dataDir,
    cwd: appDir,
    built: true,
    outputLimit: Infinity,
    env: { NODE_ENV: 'production', LOG_LEVEL: 'info', METRICS_TOKEN, ...SECRETS },
  });
  await server.start();
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  if (appDir) await fs.rm(appDir, { recursive: true, force: true });
});

describe('the built server', () => {
  it('compiles every entry, worker threads included, into dist/server', async () => {
    for (const entry of SERVER_ENTRIES) {
      const file = path.join(appDir, SERVER_OUT_DIR, `${path.basename(entry, '.ts')}.js`);
      expect((await fs.stat(file)).size).toBeGreaterThan(1000);
    }
  });

  it("has the image's build stage copy every source file the build read", async () => {
    const inputs = JSON.parse(await fs.readFile(path.join(appDir, SERVER_OUT_DIR, 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('server/main.ts');
    const build = dockerfileStages(await fs.readFile(path.join(repoRoot, 'Dockerfile'), 'utf8')).find((stage) => stage.name === 'build');
    const copied = build?.copies ?? [];
    for (const input of inputs) expect(copied.some((source) => input === source || input.startsWith(`${source}/`)), input).toBe(true);
  });

  it('imports no package the image leaves out (dev dependencies are not installed there)', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const installed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]);
    // The build's own record of what its output imports from outside the bundle (esbuild's metafile),
    // not a scan of the code: a string in the code that ends in "from" is not an import.
    const externals = JSON.parse(await fs.readFile(path.join(appDir, SERVER_OUT_DIR, 'externals.json'), 'utf8')) as string[];
    const imported = new Set<string>();
    for (const specifier of externals) {
      if (specifier.startsWith('node:') || isBuiltin(specifier) || specifier.startsWith('.')) continue;
      const parts = specifier.split('/');
      imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
    expect(imported).toContain('express');
    expect([...imported].filter((name) => !installed.has(name))).toEqual([]);
  });

  it('serves the admin console the build stage built', async () => {
    const page = await fetch(`${server.url}/admin/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/<script[^>]+src="\/admin\/assets\//);
  });

  it('answers /health and /health/ready', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String) as unknown });
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok' } });
  });

  it('signs up, signs in, refreshes, syncs, parses and scores in its workers, counts it at /metrics, and logs none of the secrets', async () => {
    const email = `built-${Date.now()}@example.com`;
    expect((await post('/api/auth/register', { email, password: PASSWORD, name: 'Built' })).status).toBe(202);
    const code = await readLatestCode(dataDir, email);
    const verified = await post('/api/auth/verify-otp', { email, code, password: PASSWORD });
    expect(verified.status).toBe(200);
    const first = (await verified.json()) as { accessToken: string; refreshToken: string; syncUrl: string };

    const login = await post('/api/auth/login', { email, password: PASSWORD });
    expect(login.status).toBe(200);
    const requestId = login.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const signedIn = (await login.json()) as { accessToken: string; refreshToken: string };
    const refreshed = await post('/api/auth/refresh', { refreshToken: signedIn.refreshToken });
    expect(refreshed.status).toBe(200);
    const session = (await refreshed.json()) as { accessToken: string; refreshToken: string };

    // The sync URL names PUBLIC_URL; the database's path is what this test can reach.
    const dbPath = new URL(first.syncUrl).pathname;
    const bulk = await post(`${dbPath}_bulk_docs`, { docs: [{ _id: 'manual:built', ...plainJobFields() }] }, session.accessToken);
    expect(bulk.status).toBe(201);
    const changes = await fetch(`${server.url}${dbPath}_changes`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(((await changes.json()) as { results: { id: string }[] }).results.map((row) => row.id)).toContain('manual:built');

    const stats = await fetch(`${server.url}/api/jobs/stats`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(stats.status).toBe(200);
    // A live feed, as every signed-in extension holds one: counted while open, then closed by the client.
    const feed = new AbortController();
    const longpoll = fetch(`${server.url}${dbPath}_changes?feed=longpoll&since=now&timeout=20000`, { headers: { authorization: `Bearer ${session.accessToken}` }, signal: feed.signal }).catch(() => undefined);
    await eventually(scrape, (text) => text.includes('trackruit_sync_live_changes_feeds 1'));
    feed.abort();
    await longpoll;
    await eventually(scrape, (text) => text.includes('trackruit_sync_live_changes_feeds 0'));

    const pdf = await buildAtsPdf({ ...RICH_RESUME, summary: `${RESUME_MARKER} for analytical engines.` });
    const upload = await fetch(`${server.url}/api/files/resumes/built`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/pdf' },
      body: new Uint8Array(pdf),
    });
    expect(upload.status).toBe(201);
    const parsed = await fetch(`${server.url}/api/files/resumes/built/parse`, { method: 'POST', headers: { authorization: `Bearer ${session.accessToken}` } });
    expect(parsed.status).toBe(200);
    expect(((await parsed.json()) as { text: string }).text).toContain(RESUME_MARKER);

    const match = await post('/api/ml/match', {
      resume: { text: `${MATCH_MARKER}: built pipelines in Python and SQL on AWS.`, title: 'Data Engineer' },
      job: { title: 'Data Engineer', description: 'Requirements: Python, SQL, AWS.' },
    }, session.accessToken);
    expect(match.status).toBe(200);
    expect(((await match.json()) as { score: number }).score).toBeGreaterThan(0);

    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer not-the-metrics-token' } })).status).toBe(401);
    const metrics = await scrape();
    expect(metrics).toContain('trackruit_http_requests_total{method="POST",route="/api/auth/login",status="200"} 1');
    expect(metrics).toContain('trackruit_http_requests_total{method="POST",route="/api/auth/refresh",status="200"} 1');
    expect(metrics).toMatch(/trackruit_sync_requests_total\{operation="_bulk_docs",status="201"\} 1/);
    expect(metrics).toMatch(/trackruit_sync_bytes_total\{direction="received"\} [1-9]/);
    expect(metrics).toMatch(/trackruit_mail_messages_total\{outcome="sent"\} [1-9]/);
    expect(metrics).toMatch(/trackruit_ml_task_duration_seconds_count\{kind="match",engine="[a-z]+",outcome="ok"\} 1/);
    expect(metrics).toContain('trackruit_http_requests_in_flight 1');
    expect(metrics).toMatch(/trackruit_analytics_duration_seconds_count\{report="stats",outcome="ok"\} 1/);
    expect(metrics).toMatch(/trackruit_sync_requests_total\{operation="_changes",status="200"\} 1/);
    // The longpoll the client closed, whether or not its answer had begun (CouchDB begins at once).
    expect(metrics).toMatch(/trackruit_sync_requests_total\{operation="_changes",status="aborted"\} 1/);

    // Stopped first, so every line has been written.
    await server.stop();
    const output = server.log();
    const lines = output.split('\n').filter((line) => line.trim() && !line.startsWith('[server exited'));
    const records = lines.map((line) => JSON.parse(line) as { level: string; msg: string; req?: { id: string; method: string; path: string } });
    const requests = records.filter((record) => record.msg === 'request completed');
    const aborted = records.filter((record) => record.msg === 'request aborted');
    expect(aborted.map((record) => [record.level, record.req?.path])).toEqual([['info', `${dbPath}_changes`]]);
    // One line per request made in this file; health checks and scrapes are not logged.
    expect(requests.map((record) => `${record.req?.method} ${record.req?.path}`)).toEqual([
      'GET /admin/', 'POST /api/auth/register', 'POST /api/auth/verify-otp', 'POST /api/auth/login', 'POST /api/auth/refresh',
      `POST ${dbPath}_bulk_docs`, `GET ${dbPath}_changes`, 'GET /api/jobs/stats', 'PUT /api/files/resumes/built', 'POST /api/files/resumes/built/parse', 'POST /api/ml/match',
    ]);
    for (const record of requests) expect(record.req?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests.find((record) => record.req?.id === requestId)?.req).toMatchObject({ method: 'POST', path: '/api/auth/login' });

    const secrets = [
      PASSWORD, METRICS_TOKEN, RESUME_MARKER, MATCH_MARKER, ...Object.values(SECRETS),
      first.accessToken, first.refreshToken, signedIn.accessToken, signedIn.refreshToken, session.accessToken, session.refreshToken,
    ];
    for (const secret of secrets) expect(output).not.toContain(secret);
    // A token's signature alone is as good as the token.
    for (const token of [first.accessToken, signedIn.accessToken, session.accessToken]) expect(output).not.toContain(token.split('.')[2]!);
    expect(output).not.toMatch(new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`));
  });
});
