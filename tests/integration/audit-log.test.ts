import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { chainEntry, type AuditEntry } from '../../server/audit/chain';
import { auditFiles } from '../../server/audit/log';
import { loadConfig, type ServerConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/http-server';
import { createVerifiedAccount } from '../helpers/accounts';
import { eventually } from '../helpers/eventually';
import { signInAsAdmin } from '../helpers/admin-session';

/**
 * The audit log through the admin API (filters, pages, CSV export), bursts of
 * failed sign-ins as one event, and retention (AUDIT_RETENTION_DAYS) leaving a
 * chain that `npm run audit:verify` still checks, against a real server.
 */

const root = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'Vivid-Lantern-8271';
const OWNER = 'root@example.com';
const dirs: string[] = [];
const running: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

async function newDataDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-audit-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = { ...loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }), adminBootstrap: { email: OWNER, password: PASSWORD }, ...overrides };
  const server = await startServer(config, { log: () => undefined });
  running.push(server);
  return server;
}

function verify(dataDir: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function get(url: string, token: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

const login = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

describe('GET /api/admin/audit', () => {
  it('filters by actor, action and time, pages newest first, and exports CSV', async () => {
    const dataDir = await newDataDir();
    const server = await start(dataDir);
    const owner = await signInAsAdmin(server.url, OWNER, PASSWORD);
    const people = [];
    for (const name of ['ann', 'bob', 'cyd']) people.push(await createVerifiedAccount({ url: server.url, dataDir }, { name, email: `${name}@example.com`, password: PASSWORD }));
    for (const person of people) {
      const put = await fetch(`${server.url}/api/users/${person.user.id}`, { method: 'PUT', headers: { authorization: `Bearer ${owner.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) });
      expect(put.status).toBe(200);
    }
    const base = `${server.url}/api/admin/audit`;
    const first = JSON.parse((await get(`${base}?action=user.disabled&limit=2`, owner.adminToken)).text) as { entries: AuditEntry[]; nextBeforeSeq: number };
    expect(first.entries.map((entry) => entry.target?.email)).toEqual(['cyd@example.com', 'bob@example.com']);
    const second = JSON.parse((await get(`${base}?action=user.disabled&limit=2&before=${first.nextBeforeSeq}`, owner.adminToken)).text) as { entries: AuditEntry[]; nextBeforeSeq: number | null };
    expect(second).toMatchObject({ entries: [{ target: { email: 'ann@example.com' } }], nextBeforeSeq: null });

    const byActor = JSON.parse((await get(`${base}?actor=${encodeURIComponent(OWNER)}&action=user.`, owner.adminToken)).text) as { entries: AuditEntry[] };
    expect(byActor.entries).toHaveLength(3);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(JSON.parse((await get(`${base}?from=${encodeURIComponent(future)}`, owner.adminToken)).text)).toMatchObject({ entries: [] });
    for (const bad of ['action=no.such', 'from=yesterday', 'limit=0', 'sort=asc']) expect((await get(`${base}?${bad}`, owner.adminToken)).status).toBe(400);

    const csv = await get(`${base}/export.csv?action=user.disabled`, owner.adminToken);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = Papa.parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((row) => row.targetEmail)).toEqual(['ann@example.com', 'bob@example.com', 'cyd@example.com']);
    expect(rows[0]).toMatchObject({ action: 'user.disabled', actorType: 'user', actorEmail: OWNER });
    // The export is itself recorded, and the chain holds.
    const latest = JSON.parse((await get(`${base}?limit=1`, owner.adminToken)).text) as { entries: AuditEntry[] };
    expect(latest.entries[0]).toMatchObject({ action: 'audit.exported', details: { rows: 3 } });
    expect(verify(dataDir)).toMatchObject({ code: 0 });
  });

  it('writes a burst of failed sign-ins as one security event', async () => {
    const dataDir = await newDataDir();
    const server = await start(dataDir);
    await createVerifiedAccount({ url: server.url, dataDir }, { name: 'dee', email: 'dee@example.com', password: PASSWORD });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt += 1) statuses.push((await login(server.url, 'dee@example.com', `Wrong-Lantern-${attempt}000`)).status);
    // The fifth failure starts the burst; the limiter refuses the later ones before any password check.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const entries = (await fs.readFile(auditFiles(dataDir).log, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEntry);
    const forDee = entries.filter((entry) => entry.details.email === 'dee@example.com');
    expect(forDee.map((entry) => entry.action)).toEqual(['auth.sign_in_failed', 'auth.sign_in_failed', 'auth.sign_in_failed', 'auth.sign_in_failed', 'auth.sign_in_failures_burst']);
    expect(forDee[4]).toMatchObject({ details: { phase: 'started', failures: 5, ips: ['127.0.0.1'] } });
  });
});

describe('AUDIT_RETENTION_DAYS', () => {
  it('prunes old entries at start, and the verifier still checks what remains and names an edit or a removal', async () => {
    const dataDir = await newDataDir();
    const files = auditFiles(dataDir);
    await fs.mkdir(path.dirname(files.log), { recursive: true });
    // Twenty entries from 400 to 381 days ago, then five from last week.
    let previous: AuditEntry | null = null;
    const lines: string[] = [];
    for (let index = 0; index < 25; index += 1) {
      const daysAgo = index < 20 ? 400 - index : 7;
      previous = chainEntry({ action: 'role.changed', actor: { type: 'cli' }, target: { id: `u${index}` } }, previous, new Date(Date.now() - daysAgo * 86_400_000 + index));
      lines.push(JSON.stringify(previous));
    }
    await fs.writeFile(files.log, `${lines.join('\n')}\n`);
    await fs.writeFile(files.head, JSON.stringify({ seq: previous!.seq, hash: previous!.hash }));
    expect(verify(dataDir)).toMatchObject({ code: 0 });

    const server = await start(dataDir, { auditRetentionDays: 365 });
    const readKept = async () => (await fs.readFile(files.log, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as AuditEntry);
    // Pruning runs beside start-up.
    const kept = await eventually(readKept, (entries) => entries[0]?.seq !== 1);
    expect(kept[0]!.seq).toBe(21);
    expect(kept.find((entry) => entry.action === 'audit.pruned')).toMatchObject({ details: { prunedThroughSeq: 20, pruned: 20 } });
    // The server goes on appending to the pruned chain.
    const owner = await signInAsAdmin(server.url, OWNER, PASSWORD);
    expect(owner.adminToken).toBeTruthy();
    const intact = verify(dataDir);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit log intact: \d+ entries \(entries 1 to 20 removed by retention/);

    const text = await fs.readFile(files.log, 'utf8');
    await fs.writeFile(files.log, text.replace('"id":"u22"', '"id":"u99"'));
    expect(verify(dataDir)).toMatchObject({ code: 1, stderr: expect.stringContaining('entry 23 was edited') });
    await fs.writeFile(files.log, text.split('\n').filter((line) => !line.includes('"seq":21,')).join('\n'));
    expect(verify(dataDir)).toMatchObject({ code: 1, stderr: expect.stringContaining('entry 21 was removed') });
    await fs.writeFile(files.log, text);
    expect(verify(dataDir)).toMatchObject({ code: 0 });
  });
});
